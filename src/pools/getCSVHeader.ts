import type {
  GetCSVHeaderRequest,
  GetCSVHeaderResponse,
  SchemaAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "./lookup.js";
import { standardSchema } from "./schema.js";

/** Every schema attribute but sub, in schema order (custom ones last), then Cognito's two import columns. */
export const getCSVHeader = defineOperation<GetCSVHeaderRequest, GetCSVHeaderResponse>(
  "GetCSVHeader",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const schema = (pool.config.SchemaAttributes as SchemaAttributeType[] | undefined) ?? standardSchema();
    return {
      UserPoolId: pool.id,
      CSVHeader: [
        ...schema.map((a) => a.Name!).filter((name) => name !== "sub"),
        "cognito:mfa_enabled",
        "cognito:username",
      ],
    };
  },
  { readOnly: true },
);

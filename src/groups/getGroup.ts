import type { GetGroupRequest, GetGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireGroup } from "./lookup.js";
import { toGroupType } from "./wire.js";

export const getGroup = defineOperation<GetGroupRequest, GetGroupResponse>(
  "GetGroup",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const group = await requireGroup(ctx, pool, input.GroupName!);
    return { Group: toGroupType(group) } as unknown as GetGroupResponse;
  },
  { readOnly: true },
);

import type { UICustomizationType } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../../common/time.js";
import type { Wire } from "../../common/wire.js";
import type { ResourceRecord } from "../../storage/types.js";

/** What ResourceKind.uiCustomization stores: the wire members plus the logo (base64), never returned. */
export interface UICustomizationData {
  UserPoolId: string;
  ClientId: string;
  CSS?: string;
  CSSVersion?: string;
  ImageFile?: string;
}

/** ImageUrl is omitted: Cognate does not serve the logo. */
export function toUICustomizationType(record: ResourceRecord<UICustomizationData>): Wire<UICustomizationType> {
  const { UserPoolId, ClientId, CSS, CSSVersion } = record.data;
  return {
    UserPoolId,
    ClientId,
    ...(CSS !== undefined ? { CSS } : {}),
    ...(CSSVersion !== undefined ? { CSSVersion } : {}),
    CreationDate: toEpochSeconds(record.createdAt),
    LastModifiedDate: toEpochSeconds(record.updatedAt),
  };
}

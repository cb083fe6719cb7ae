import type { OperationDefinition } from "../protocol/operation.js";
import { getSigningCertificate } from "./getSigningCertificate.js";
import { addCustomAttributes } from "./addCustomAttributes.js";
import { createUserPool } from "./createUserPool.js";
import { deleteUserPool } from "./deleteUserPool.js";
import { describeUserPool } from "./describeUserPool.js";
import { getCSVHeader } from "./getCSVHeader.js";
import { getUserPoolMfaConfig } from "./getUserPoolMfaConfig.js";
import { listTagsForResource } from "./listTagsForResource.js";
import { listUserPools } from "./listUserPools.js";
import { setUserPoolMfaConfig } from "./setUserPoolMfaConfig.js";
import { tagResource } from "./tagResource.js";
import { untagResource } from "./untagResource.js";
import { updateUserPool } from "./updateUserPool.js";

/** User pool operations: one file each. */
export const poolOperations: OperationDefinition<never, unknown>[] = [
  createUserPool,
  describeUserPool,
  updateUserPool,
  deleteUserPool,
  listUserPools,
  addCustomAttributes,
  getUserPoolMfaConfig,
  setUserPoolMfaConfig,
  tagResource,
  untagResource,
  listTagsForResource,
  getCSVHeader,
  getSigningCertificate,
];

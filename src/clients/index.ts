import type { OperationDefinition } from "../protocol/operation.js";
import { addUserPoolClientSecret } from "./addUserPoolClientSecret.js";
import { createUserPoolClient } from "./createUserPoolClient.js";
import { deleteUserPoolClient } from "./deleteUserPoolClient.js";
import { deleteUserPoolClientSecret } from "./deleteUserPoolClientSecret.js";
import { describeUserPoolClient } from "./describeUserPoolClient.js";
import { listUserPoolClients } from "./listUserPoolClients.js";
import { listUserPoolClientSecrets } from "./listUserPoolClientSecrets.js";
import { updateUserPoolClient } from "./updateUserPoolClient.js";

/** Operations of this family: one file each. */
export const clientOperations: OperationDefinition<never, unknown>[] = [
  createUserPoolClient,
  describeUserPoolClient,
  updateUserPoolClient,
  deleteUserPoolClient,
  listUserPoolClients,
  addUserPoolClientSecret,
  listUserPoolClientSecrets,
  deleteUserPoolClientSecret,
];

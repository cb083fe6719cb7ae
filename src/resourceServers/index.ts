import type { OperationDefinition } from "../protocol/operation.js";
import { createResourceServer } from "./createResourceServer.js";
import { deleteResourceServer } from "./deleteResourceServer.js";
import { describeResourceServer } from "./describeResourceServer.js";
import { listResourceServers } from "./listResourceServers.js";
import { updateResourceServer } from "./updateResourceServer.js";

/** Operations of this family: one file each. */
export const resourceServerOperations: OperationDefinition<never, unknown>[] = [
  createResourceServer,
  describeResourceServer,
  updateResourceServer,
  deleteResourceServer,
  listResourceServers,
];

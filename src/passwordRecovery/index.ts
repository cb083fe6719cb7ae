import type { OperationDefinition } from "../protocol/operation.js";
import { confirmForgotPassword } from "./confirmForgotPassword.js";
import { forgotPassword } from "./forgotPassword.js";

/** Resetting a forgotten password with a code: one file per operation. */
export const passwordRecoveryOperations: OperationDefinition<never, unknown>[] = [
  forgotPassword,
  confirmForgotPassword,
];

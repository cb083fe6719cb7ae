import type { OperationDefinition } from "../protocol/operation.js";
import { confirmSignUp } from "./confirmSignUp.js";
import { resendConfirmationCode } from "./resendConfirmationCode.js";
import { signUp } from "./signUp.js";

/** Self-service registration: one file per operation. */
export const signUpOperations: OperationDefinition<never, unknown>[] = [signUp, confirmSignUp, resendConfirmationCode];

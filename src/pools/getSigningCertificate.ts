import type {
  GetSigningCertificateRequest,
  GetSigningCertificateResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";

/** The pool's signing certificate (stub: implemented with issue 12). */
export const getSigningCertificate = defineOperation<GetSigningCertificateRequest, GetSigningCertificateResponse>(
  "GetSigningCertificate",
  async () => {
    throw errors.unsupportedOperation("Cognate does not implement GetSigningCertificate yet");
  },
  { readOnly: true },
);

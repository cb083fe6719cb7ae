import type {
  GetSigningCertificateRequest,
  GetSigningCertificateResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "./lookup.js";
import { poolSigningCertificate } from "./signingCertificate.js";

/** The pool's SAML signing certificate, created on the first call (src/pools/signingCertificate.ts). */
export const getSigningCertificate = defineOperation<GetSigningCertificateRequest, GetSigningCertificateResponse>(
  "GetSigningCertificate",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const { certificate } = await poolSigningCertificate(ctx.store, pool.id, ctx.now);
    return { Certificate: certificate };
  },
  // Generating a key pair takes a while: it must not hold the store's write lock.
  { transaction: false },
);

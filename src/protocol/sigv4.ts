/**
 * Reads the SigV4 Authorization header: `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=…, Signature=…`.
 * Signatures are not verified yet; the parsed credential is kept so that verification can be
 * added here without touching the dispatcher.
 */
export interface SigV4Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const HEADER =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]+)\s*$/i;

export function parseAuthorization(header: string | undefined): SigV4Credential | undefined {
  if (!header) return undefined;
  const m = HEADER.exec(header.trim());
  if (!m) return undefined;
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(";"),
    signature: m[6]!,
  };
}

/** A 12-digit access key names the account directly (as LocalStack does); others map to the default account. */
export function accountOf(credential: SigV4Credential | undefined, defaultAccount: string): string {
  return credential && /^\d{12}$/.test(credential.accessKeyId) ? credential.accessKeyId : defaultAccount;
}

import { randomBytes, randomInt, randomUUID } from "node:crypto";

const ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `us-east-1_AbC123xYz`: the region, an underscore and nine letters or digits. */
export const newUserPoolId = (region: string) => `${region}_${randomString(ALNUM, 9)}`;
/** App client ids are 26 lower-case letters and digits. */
export const newClientId = () => randomString(LOWER_ALNUM, 26);
/** App client secrets are 51 lower-case letters and digits. */
export const newClientSecret = () => randomString(LOWER_ALNUM, 51);
/** Client secret ids: `<clientId>--<epoch millis>`, unique per client. */
export const newClientSecretId = (clientId: string) => `${clientId}--${Date.now()}${randomString("0123456789", 3)}`;
export const newSub = () => randomUUID();
export const newRequestId = () => randomUUID();
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");
export { randomString, ALNUM, LOWER_ALNUM };

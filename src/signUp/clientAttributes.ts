import type { AttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { schemaOf } from "../users/attributes.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";

/** Only Cognito sets these; an app client may never write them. */
const CLIENT_UNWRITABLE = new Set(["sub", "email_verified", "phone_number_verified"]);

/**
 * An app client writes only attributes in its WriteAttributes (every writable one when unset),
 * never verification flags nor developer-only attributes.
 */
export function checkClientWritable(
  pool: PoolRecord,
  client: ClientRecord,
  attributes: readonly AttributeType[] | undefined,
): void {
  const allowed = client.config.WriteAttributes as string[] | undefined;
  const schema = schemaOf(pool);
  for (const { Name } of attributes ?? []) {
    const name = Name!;
    const developerOnly = schema.get(name)?.DeveloperOnlyAttribute === true || name.startsWith("dev:");
    if (CLIENT_UNWRITABLE.has(name) || developerOnly || (allowed && !allowed.includes(name))) {
      throw errors.notAuthorized("A client attempted to write unauthorized attribute");
    }
  }
}

import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";

/** A string attribute as Cognito lists it in SchemaAttributes. */
const text = (Name: string, min = "0", max = "2048", Mutable = true, Required = false): SchemaAttributeType => ({
  Name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable,
  Required,
  StringAttributeConstraints: { MinLength: min, MaxLength: max },
});
const flag = (Name: string): SchemaAttributeType => ({
  Name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** The OIDC standard attributes every pool has, in the order Cognito lists them. */
export function standardSchema(): SchemaAttributeType[] {
  return [
    text("sub", "1", "2048", false, true),
    text("name"),
    text("given_name"),
    text("family_name"),
    text("middle_name"),
    text("nickname"),
    text("preferred_username"),
    text("profile"),
    text("picture"),
    text("website"),
    text("email"),
    flag("email_verified"),
    text("gender"),
    text("birthdate", "10", "10"),
    text("zoneinfo"),
    text("locale"),
    text("phone_number"),
    flag("phone_number_verified"),
    text("address"),
    {
      Name: "updated_at",
      AttributeDataType: "Number",
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: "0" },
    },
  ];
}

export const STANDARD_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  ...standardSchema().map((a) => a.Name!),
  "identities",
]);

export const MAX_CUSTOM_ATTRIBUTES = 50;

/** The stored name of a custom attribute: Cognito prefixes `custom:` (or `dev:` for developer-only ones on read). */
export const customName = (name: string) => (name.startsWith("custom:") ? name : `custom:${name}`);

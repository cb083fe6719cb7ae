import type {
  CreateUserPoolRequest,
  SchemaAttributeType,
  SmsConfigurationType,
  UpdateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { customName, MAX_CUSTOM_ATTRIBUTES, STANDARD_ATTRIBUTE_NAMES, standardSchema } from "./schema.js";

/** Cognito's password policy for a pool created without one. */
export const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
} as const;

/**
 * The settings CreateUserPool and UpdateUserPool share. UpdateUserPool, like Cognito,
 * resets every setting it is not given to its default, so both build from the request alone.
 */
export function buildSettings(
  input: CreateUserPoolRequest | UpdateUserPoolRequest,
  region: string,
): Record<string, unknown> {
  const password = input.Policies?.PasswordPolicy;
  const settings: Record<string, unknown> = {
    Policies: {
      PasswordPolicy: password
        ? {
            MinimumLength: password.MinimumLength ?? 8,
            RequireUppercase: password.RequireUppercase ?? false,
            RequireLowercase: password.RequireLowercase ?? false,
            RequireNumbers: password.RequireNumbers ?? false,
            RequireSymbols: password.RequireSymbols ?? false,
            // Cognito shows no history size of 0, and takes a validity of 0 days as unset (7).
            ...(password.PasswordHistorySize ? { PasswordHistorySize: password.PasswordHistorySize } : {}),
            TemporaryPasswordValidityDays: password.TemporaryPasswordValidityDays || 7,
          }
        : { ...DEFAULT_PASSWORD_POLICY },
      SignInPolicy: { AllowedFirstAuthFactors: input.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"] },
    },
    DeletionProtection: input.DeletionProtection ?? "INACTIVE",
    LambdaConfig: input.LambdaConfig ?? {},
    AutoVerifiedAttributes: input.AutoVerifiedAttributes,
    SmsVerificationMessage: input.SmsVerificationMessage,
    EmailVerificationMessage: input.EmailVerificationMessage,
    EmailVerificationSubject: input.EmailVerificationSubject,
    VerificationMessageTemplate: {
      ...input.VerificationMessageTemplate,
      DefaultEmailOption: input.VerificationMessageTemplate?.DefaultEmailOption ?? "CONFIRM_WITH_CODE",
    },
    SmsAuthenticationMessage: input.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: {
      AttributesRequireVerificationBeforeUpdate:
        input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [],
    },
    MfaConfiguration: input.MfaConfiguration ?? "OFF",
    DeviceConfiguration: input.DeviceConfiguration,
    EmailConfiguration: {
      ...input.EmailConfiguration,
      EmailSendingAccount: input.EmailConfiguration?.EmailSendingAccount ?? "COGNITO_DEFAULT",
    },
    SmsConfiguration: withSnsRegion(input.SmsConfiguration, region),
    UserPoolTags: input.UserPoolTags,
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: input.AdminCreateUserConfig?.AllowAdminCreateUserOnly ?? false,
      UnusedAccountValidityDays: input.AdminCreateUserConfig?.UnusedAccountValidityDays ?? 7,
      ...(input.AdminCreateUserConfig?.InviteMessageTemplate
        ? { InviteMessageTemplate: input.AdminCreateUserConfig.InviteMessageTemplate }
        : {}),
    },
    UserPoolAddOns: input.UserPoolAddOns,
    AccountRecoverySetting: input.AccountRecoverySetting,
    UserPoolTier: input.UserPoolTier ?? "ESSENTIALS",
  };
  checkSettings(settings, input);
  return dropUndefined(settings);
}

/**
 * Config members buildSettings owns: UpdateUserPool replaces all of them. Everything else
 * (schema, sign-in attributes, domains, tags) survives an update.
 */
export const REBUILT_SETTINGS: readonly string[] = [
  "Policies",
  "DeletionProtection",
  "LambdaConfig",
  "AutoVerifiedAttributes",
  "SmsVerificationMessage",
  "EmailVerificationMessage",
  "EmailVerificationSubject",
  "VerificationMessageTemplate",
  "SmsAuthenticationMessage",
  "UserAttributeUpdateSettings",
  "MfaConfiguration",
  "DeviceConfiguration",
  "EmailConfiguration",
  "SmsConfiguration",
  "AdminCreateUserConfig",
  "UserPoolAddOns",
  "AccountRecoverySetting",
  "UserPoolTier",
];

function checkSettings(settings: Record<string, unknown>, input: CreateUserPoolRequest | UpdateUserPoolRequest): void {
  const policy = (settings.Policies as { PasswordPolicy: { MinimumLength: number } }).PasswordPolicy;
  if (policy.MinimumLength < 6 || policy.MinimumLength > 99) {
    throw errors.invalidParameter("Password policy minimum length must be between 6 and 99.");
  }
  const template = input.VerificationMessageTemplate;
  if (template?.EmailMessage !== undefined && !template.EmailMessage.includes("{####}")) {
    throw errors.invalidParameter("EmailMessage must contain the {####} placeholder.");
  }
  if (template?.SmsMessage !== undefined && !template.SmsMessage.includes("{####}")) {
    throw errors.invalidParameter("SmsMessage must contain the {####} placeholder.");
  }
  if (input.EmailVerificationMessage !== undefined && !input.EmailVerificationMessage.includes("{####}")) {
    throw errors.invalidParameter("EmailVerificationMessage must contain the {####} placeholder.");
  }
  if (input.SmsVerificationMessage !== undefined && !input.SmsVerificationMessage.includes("{####}")) {
    throw errors.invalidParameter("SmsVerificationMessage must contain the {####} placeholder.");
  }
  const autoVerified = new Set<string>(input.AutoVerifiedAttributes ?? []);
  const verifyBeforeUpdate = input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  if (verifyBeforeUpdate.some((name) => !autoVerified.has(name))) {
    throw errors.invalidParameter(
      "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
    );
  }
  const lambda = input.LambdaConfig;
  const preToken = lambda?.PreTokenGenerationConfig;
  if (lambda?.PreTokenGeneration && preToken?.LambdaArn && lambda.PreTokenGeneration !== preToken.LambdaArn) {
    throw errors.invalidParameter(
      "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function.",
    );
  }
  if (settings.UserPoolTier === "LITE") {
    if (preToken?.LambdaVersion && preToken.LambdaVersion !== "V1_0") {
      throw errors.featureUnavailableInTier(
        `Pre token generation trigger event version ${preToken.LambdaVersion} requires the ESSENTIALS or PLUS feature plan.`,
      );
    }
    const factors = input.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
    if (factors.some((f) => f !== "PASSWORD")) {
      throw errors.featureUnavailableInTier("Choice-based sign-in requires the ESSENTIALS or PLUS feature plan.");
    }
  }
  const securityMode = input.UserPoolAddOns?.AdvancedSecurityMode;
  if (securityMode && securityMode !== "OFF" && settings.UserPoolTier !== "PLUS") {
    throw errors.featureUnavailableInTier("Threat protection requires the PLUS feature plan.");
  }
  const recovery = input.AccountRecoverySetting?.RecoveryMechanisms ?? [];
  if (new Set(recovery.map((r) => r.Priority)).size !== recovery.length) {
    throw errors.invalidParameter("Each recovery mechanism must have a unique priority.");
  }
  if (new Set(recovery.map((r) => r.Name)).size !== recovery.length) {
    throw errors.invalidParameter("Each recovery mechanism can only be specified once.");
  }
  if (recovery.some((r) => r.Name === "admin_only") && recovery.length > 1) {
    throw errors.invalidParameter("admin_only cannot be combined with other recovery mechanisms.");
  }
}

/** Cognito fills in SnsRegion with the pool's region when the caller leaves it out. */
export function withSnsRegion(sms: SmsConfigurationType | undefined, region: string): SmsConfigurationType | undefined {
  return sms && { ...sms, SnsRegion: sms.SnsRegion ?? region };
}

/**
 * The pool's attribute schema: the standard attributes (with any standard attribute the
 * request redefines) followed by custom attributes named `custom:<name>`.
 */
export function buildSchema(requested: SchemaAttributeType[] | undefined): SchemaAttributeType[] {
  const schema = standardSchema();
  const custom: SchemaAttributeType[] = [];
  for (const attr of requested ?? []) {
    const name = attr.Name!;
    const standard = schema.find((s) => s.Name === name);
    if (standard) {
      if (name === "sub") throw errors.invalidParameter("The sub attribute cannot be redefined.");
      if (attr.AttributeDataType && attr.AttributeDataType !== standard.AttributeDataType) {
        throw errors.invalidParameter(`${name} has data type ${standard.AttributeDataType}; it cannot be changed.`);
      }
      if (attr.DeveloperOnlyAttribute) {
        throw errors.invalidParameter(`Standard attribute ${name} cannot be developer only.`);
      }
      if (attr.Required !== undefined) standard.Required = attr.Required;
      if (attr.Mutable !== undefined) standard.Mutable = attr.Mutable;
      if (attr.StringAttributeConstraints && standard.AttributeDataType === "String") {
        standard.StringAttributeConstraints = {
          ...standard.StringAttributeConstraints,
          ...attr.StringAttributeConstraints,
        };
      }
      continue;
    }
    if (STANDARD_ATTRIBUTE_NAMES.has(name)) throw errors.invalidParameter(`${name} is a reserved attribute name.`);
    custom.push(newCustomAttribute(attr, [...custom, ...schema]));
  }
  if (custom.length > MAX_CUSTOM_ATTRIBUTES) {
    throw errors.invalidParameter(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  }
  return [...schema, ...custom];
}

/** Checks a custom attribute definition against the schema it joins and gives its stored form. */
export function newCustomAttribute(attr: SchemaAttributeType, existing: SchemaAttributeType[]): SchemaAttributeType {
  // Cognito lists developer-only attributes with a dev: prefix.
  const name = (attr.DeveloperOnlyAttribute ? "dev:" : "") + customName(attr.Name!);
  const bare = name.replace(/^dev:/, "");
  if (existing.some((e) => e.Name!.replace(/^dev:/, "") === bare)) {
    throw errors.invalidParameter(`Existing attribute already has name ${name}.`);
  }
  if (attr.Required) throw errors.invalidParameter("Required custom attributes are not supported currently.");
  const type = attr.AttributeDataType ?? "String";
  const out: SchemaAttributeType = {
    Name: name,
    AttributeDataType: type,
    DeveloperOnlyAttribute: attr.DeveloperOnlyAttribute ?? false,
    Mutable: attr.Mutable ?? true,
    Required: false,
  };
  if (type === "String") {
    const c = attr.StringAttributeConstraints ?? {};
    const min = c.MinLength !== undefined ? Number(c.MinLength) : undefined;
    const max = c.MaxLength !== undefined ? Number(c.MaxLength) : undefined;
    if (
      (min !== undefined && !(Number.isInteger(min) && min >= 0)) ||
      (max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= 2048))
    ) {
      throw errors.invalidParameter(`Invalid StringAttributeConstraints for ${name}: MaxLength must be at most 2048.`);
    }
    if (min !== undefined && max !== undefined && min > max) {
      throw errors.invalidParameter(
        `Invalid StringAttributeConstraints for ${name}: MinLength is greater than MaxLength.`,
      );
    }
    out.StringAttributeConstraints = { ...c };
  } else if (type === "Number") {
    const c = attr.NumberAttributeConstraints ?? {};
    const min = c.MinValue !== undefined ? Number(c.MinValue) : undefined;
    const max = c.MaxValue !== undefined ? Number(c.MaxValue) : undefined;
    if ((min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max))) {
      throw errors.invalidParameter(`Invalid NumberAttributeConstraints for ${name}: values must be numbers.`);
    }
    if (min !== undefined && max !== undefined && min > max) {
      throw errors.invalidParameter(
        `Invalid NumberAttributeConstraints for ${name}: MinValue is greater than MaxValue.`,
      );
    }
    out.NumberAttributeConstraints = { ...c };
  } else if (attr.StringAttributeConstraints || attr.NumberAttributeConstraints) {
    throw errors.invalidParameter(`Constraints are not allowed for ${type} attribute ${name}.`);
  }
  return out;
}

export function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

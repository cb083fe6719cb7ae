import type { IdentityProviderTypeType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";

const ACR_LEVELS = ["Level1", "Level2", "Level3", "Level4"];

/** AcrMapping is newer than the validation model, so its rules are checked here. */
export function checkAcrMapping(type: IdentityProviderTypeType, mapping: Record<string, string> | undefined): void {
  if (mapping === undefined) return;
  if (type !== "OIDC") throw errors.invalidParameter("AcrMapping is supported only for OIDC identity providers.");
  for (const level of Object.keys(mapping)) {
    if (!ACR_LEVELS.includes(level)) {
      throw errors.invalidParameter(`AcrMapping key ${level} is not one of ${ACR_LEVELS.join(", ")}.`);
    }
  }
}

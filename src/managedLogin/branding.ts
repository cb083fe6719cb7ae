import type { DomainData } from "../domains/record.js";
import type { ManagedLoginBrandingData, StoredAsset } from "../branding/managedLogin/wire.js";
import type { UICustomizationData } from "../branding/uiCustomization/wire.js";
import { ALL_CLIENTS, listAll } from "../branding/lookup.js";
import type { DomainScope } from "../oauth/domainRouting.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";

/** How a pool's pages look: its logo (a data: URI), its CSS and the colours of its style. */
export interface PageBranding {
  logo?: string;
  logoAlt: string;
  /** The customer's classic hosted UI CSS (SetUICustomization), applied to the -customizable classes. */
  css?: string;
  /** Rules derived from a managed login style's Settings (ManagedLoginVersion 2). */
  themeCss?: string;
}

/**
 * The branding Cognito shows on a domain: a domain of ManagedLoginVersion 2 shows the client's
 * managed login style; the classic hosted UI (version 1) shows the client's UI customization,
 * or the pool's ("ALL") when the client has none.
 */
export async function pageBranding(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  scope: DomainScope,
): Promise<PageBranding> {
  const logoAlt = `${client.name || pool.name} logo`;
  if ((await domainVersion(ctx, pool, scope)) === 2) {
    const styles = await listAll<ManagedLoginBrandingData>(ctx, ResourceKind.managedLoginBranding, pool.id);
    const style = styles.find((s) => s.data.ClientId === client.clientId)?.data;
    if (!style) return { logoAlt };
    const logo = formLogo(style.Assets);
    const themeCss = style.UseCognitoProvidedValues ? undefined : themeFromSettings(style.Settings);
    return { logoAlt, ...(logo ? { logo } : {}), ...(themeCss ? { themeCss } : {}) };
  }
  const own = await ctx.store.resources.get<UICustomizationData>(
    ResourceKind.uiCustomization,
    pool.id,
    client.clientId,
  );
  const custom = (own ?? (await ctx.store.resources.get(ResourceKind.uiCustomization, pool.id, ALL_CLIENTS)))?.data;
  if (!custom) return { logoAlt };
  const logo = custom.ImageFile ? imageDataUri(custom.ImageFile, imageType(custom.ImageFile)) : undefined;
  return { logoAlt, ...(logo ? { logo } : {}), ...(custom.CSS ? { css: custom.CSS } : {}) };
}

async function domainVersion(ctx: OperationContext, pool: PoolRecord, scope: DomainScope): Promise<number> {
  // At the server root no domain was named: the pool's own prefix domain decides.
  const name = scope.domain ?? (pool.config.Domain as string | undefined);
  if (!name) return 1;
  const domain = await ctx.store.resources.get<DomainData>(ResourceKind.domain, "", name);
  return domain?.data.ManagedLoginVersion ?? 1;
}

const ASSET_TYPES: Record<string, string> = {
  PNG: "image/png",
  JPEG: "image/jpeg",
  SVG: "image/svg+xml",
  ICO: "image/x-icon",
  WEBP: "image/webp",
};

/** The style's form logo, light mode preferred (the pages are light). */
function formLogo(assets: StoredAsset[]): string | undefined {
  const logos = assets.filter((a) => a.Category === "FORM_LOGO" && a.Bytes);
  const logo = logos.find((a) => a.ColorMode !== "DARK") ?? logos[0];
  const type = logo && ASSET_TYPES[logo.Extension ?? ""];
  return logo?.Bytes && type ? imageDataUri(logo.Bytes, type) : undefined;
}

/** SetUICustomization accepts PNG and JPEG only (src/branding/uiCustomization/css.ts). */
const imageType = (base64: string) => (base64.startsWith("iVBOR") ? "image/png" : "image/jpeg");

// Base64 text only: nothing else may reach the src attribute.
const imageDataUri = (base64: string, type: string) =>
  /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? `data:${type};base64,${base64}` : undefined;

type Json = Record<string, unknown>;
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, key) => (typeof v === "object" && v !== null ? (v as Json)[key] : undefined), value);

/** Settings colours are RRGGBBAA hex; anything else is ignored (and cannot inject CSS). */
function colour(value: unknown): string | undefined {
  return typeof value === "string" && /^[0-9a-fA-F]{8}$/.test(value) ? `#${value}` : undefined;
}

/**
 * The few parts of a managed login style's Settings the pages map: page background, form
 * background and border, and the primary button's colours (light mode).
 */
export function themeFromSettings(settings: unknown): string | undefined {
  const rules: string[] = [];
  const page = colour(at(settings, "components", "pageBackground", "lightMode", "color"));
  if (page) rules.push(`html,.background-customizable{background-color:${page}}`);
  const formBg = colour(at(settings, "components", "form", "lightMode", "backgroundColor"));
  const formBorder = colour(at(settings, "components", "form", "lightMode", "borderColor"));
  if (formBg || formBorder) {
    rules.push(
      `.card{${formBg ? `background-color:${formBg};` : ""}${formBorder ? `border-color:${formBorder};` : ""}}`,
    );
  }
  const button = at(settings, "components", "primaryButton", "lightMode", "defaults");
  const buttonBg = colour(at(button, "backgroundColor"));
  const buttonText = colour(at(button, "textColor"));
  if (buttonBg || buttonText) {
    rules.push(
      `.primaryButton{${buttonBg ? `background-color:${buttonBg};` : ""}${buttonText ? `color:${buttonText};` : ""}}`,
    );
  }
  return rules.length ? rules.join("\n") : undefined;
}

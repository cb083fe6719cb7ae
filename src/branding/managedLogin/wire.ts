import type { AssetType, ManagedLoginBrandingType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../../protocol/errors.js";
import type { OperationContext } from "../../protocol/operation.js";
import { toEpochSeconds } from "../../common/time.js";
import type { Wire } from "../../common/wire.js";
import { ResourceKind } from "../../storage/kinds.js";
import type { PoolRecord, ResourceRecord } from "../../storage/types.js";
import { mergedSettings } from "./defaults.js";

/** An asset as stored and sent: Bytes stay base64 text, as on the wire. */
export type StoredAsset = Omit<AssetType, "Bytes"> & { Bytes?: string };

/** What ResourceKind.managedLoginBranding stores; ClientId links the style to its one app client. */
export interface ManagedLoginBrandingData {
  ManagedLoginBrandingId: string;
  UserPoolId: string;
  ClientId: string;
  UseCognitoProvidedValues: boolean;
  Settings?: unknown;
  Assets: StoredAsset[];
}

export type BrandingRecord = ResourceRecord<ManagedLoginBrandingData>;

/**
 * Settings appear only when the style has some (or, merged, with Cognito's defaults filled in);
 * Assets always, possibly empty.
 */
export function toManagedLoginBrandingType(record: BrandingRecord, merged = false): Wire<ManagedLoginBrandingType> {
  const { ManagedLoginBrandingId, UserPoolId, UseCognitoProvidedValues, Assets } = record.data;
  const Settings = merged ? mergedSettings(record.data.Settings) : record.data.Settings;
  return {
    ManagedLoginBrandingId,
    UserPoolId,
    UseCognitoProvidedValues,
    ...(Settings !== undefined ? { Settings: Settings as ManagedLoginBrandingType["Settings"] } : {}),
    Assets: Assets as unknown as AssetType[],
    CreationDate: toEpochSeconds(record.createdAt),
    LastModifiedDate: toEpochSeconds(record.updatedAt),
  };
}

export async function requireBranding(ctx: OperationContext, poolId: string, id: string): Promise<BrandingRecord> {
  const record = await ctx.store.resources.get<ManagedLoginBrandingData>(ResourceKind.managedLoginBranding, poolId, id);
  if (!record) throw errors.resourceNotFound(`Managed login branding ${id} does not exist.`);
  return record;
}

/**
 * UseCognitoProvidedValues means Cognito's settings, so it cannot come with Settings. Assets may
 * come with it: Terraform's acceptance tests create such styles against Cognito.
 */
export function checkStyleInput(input: { UseCognitoProvidedValues?: boolean; Settings?: unknown }): void {
  if (input.UseCognitoProvidedValues && input.Settings !== undefined) {
    throw errors.invalidParameter("Settings must be omitted when UseCognitoProvidedValues is true.");
  }
}

/** File types a category accepts where the category itself names one. */
const CATEGORY_EXTENSIONS: Record<string, string[]> = {
  FAVICON_ICO: ["ICO"],
  FAVICON_SVG: ["SVG"],
};

/** Whether the bytes are an image of the declared type (Cognito checks the content, not just the label). */
function matchesExtension(bytes: Buffer, extension: string): boolean {
  const startsWith = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (extension) {
    case "PNG":
      return startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case "JPEG":
      return startsWith(0xff, 0xd8, 0xff);
    case "ICO":
      return startsWith(0x00, 0x00, 0x01, 0x00);
    case "WEBP":
      return bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP";
    case "SVG": {
      const text = bytes
        .toString("utf8")
        .replace(/^\uFEFF/, "")
        .trimStart();
      return text.startsWith("<") && /<svg[\s>]/.test(text);
    }
    default:
      return false;
  }
}

/** One asset per category and colour mode; every asset carries an image of its declared type. */
export function checkAssets(assets: StoredAsset[]): void {
  const seen = new Set<string>();
  for (const asset of assets) {
    const key = `${asset.Category}/${asset.ColorMode}`;
    if (seen.has(key)) {
      throw errors.invalidParameter(
        `Duplicate asset for category ${asset.Category} and color mode ${asset.ColorMode}.`,
      );
    }
    seen.add(key);
    const allowed = CATEGORY_EXTENSIONS[asset.Category!];
    if (allowed && !allowed.includes(asset.Extension!)) {
      throw errors.invalidParameter(`Asset category ${asset.Category} requires extension ${allowed.join(" or ")}.`);
    }
    if (asset.Bytes === undefined || asset.Bytes === "") {
      throw errors.invalidParameter(`Asset for category ${asset.Category} has no Bytes.`);
    }
    if (!matchesExtension(Buffer.from(asset.Bytes, "base64"), asset.Extension!)) {
      throw errors.invalidParameter(`Asset for category ${asset.Category} is not a valid ${asset.Extension} image.`);
    }
  }
}

/** Managed login, and so its branding, is not part of the Lite feature plan. */
export function requireManagedLoginTier(pool: PoolRecord): void {
  if (pool.config.UserPoolTier === "LITE") {
    throw errors.featureUnavailableInTier("Managed login branding is not available in the Lite feature plan.");
  }
}

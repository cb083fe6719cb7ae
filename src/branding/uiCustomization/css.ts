import { errors } from "../../protocol/errors.js";

/**
 * The selectors the classic hosted UI lets a pool style (those of the CSS template Cognito
 * offers, which the AWS CLI's own example uploads); anything else is refused.
 */
const ALLOWED_SELECTORS = new Set([
  ".background-customizable",
  ".banner-customizable",
  ".errorMessage-customizable",
  ".idpButton-customizable",
  ".idpButton-customizable:hover",
  ".idpDescription-customizable",
  ".inputField-customizable",
  ".inputField-customizable:focus",
  ".label-customizable",
  ".legalText-customizable",
  ".logo-customizable",
  ".passwordCheck-notValid-customizable",
  ".passwordCheck-valid-customizable",
  ".redirect-customizable",
  ".socialButton-customizable",
  ".submitButton-customizable",
  ".submitButton-customizable:hover",
  ".textDescription-customizable",
]);

/** Checks every rule's selectors against the allowed classes. */
export function checkCss(css: string): void {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const rule = /([^{}]*)\{[^{}]*\}/g;
  let rest = withoutComments;
  for (const match of withoutComments.matchAll(rule)) {
    for (const selector of match[1]!.split(",")) {
      const name = selector.trim().replace(/\s+/g, " ");
      if (!ALLOWED_SELECTORS.has(name)) {
        throw errors.invalidParameter(`CSS selector '${name}' is not a customizable class.`);
      }
    }
    rest = rest.replace(match[0], "");
  }
  if (rest.trim() !== "")
    throw errors.invalidParameter("CSS could not be parsed: every rule must be 'selector { declarations }'.");
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
/** Cognito's limit for the logo; the model allows larger blobs. */
export const MAX_IMAGE_BYTES = 100 * 1024;

/** The logo must be a PNG or JPEG of at most 100 KB. */
export function checkImage(image: Buffer): void {
  if (image.length > MAX_IMAGE_BYTES) {
    throw errors.invalidParameter(`The image file must not be larger than ${MAX_IMAGE_BYTES / 1024} KB.`);
  }
  const isPng = image.subarray(0, PNG.length).equals(PNG);
  const isJpeg = image.subarray(0, JPEG.length).equals(JPEG);
  if (!isPng && !isJpeg) throw errors.invalidParameter("The image file must be a PNG or JPEG image.");
}

export { poolNameOf } from "./math.js";
export { computeVerifier, newSalt } from "./verifier.js";
export {
  newSecretBlock,
  parseClientPublic,
  startSrp,
  verifySrp,
  type SrpProof,
  type SrpServerValues,
} from "./server.js";
export { formatSrpTimestamp, parseSrpTimestamp } from "./timestamp.js";

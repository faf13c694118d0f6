export { canDisableLine, disableFileEdit, disableLineEdit } from './disable';
export { hover, hoverOn } from './hover';
export { completion, completionIn } from './completion';
export { composeLinks, documentLinks } from './links';
export { lensTargets, lensTargetsOf, type FinalFromLensTarget, type LensTarget, type ServiceLensTarget } from './lens';
export { parseDocument, type ParsedDocument } from './parsed';

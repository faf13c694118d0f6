export { canDisableLine, disableFileEdit, disableLineEdit } from './disable';
export { hover } from './hover';
export { completion } from './completion';
export { documentLinks } from './links';
export { lensTargets, type FinalFromLensTarget, type LensTarget, type ServiceLensTarget } from './lens';

import { RequestType } from 'vscode-languageserver-protocol';
import type { LensTarget } from './core/features/lens';

export type { FinalFromLensTarget, LensTarget, ServiceLensTarget } from './core/features/lens';

/** Shared by the server and the client: what the client's code lenses sit on in one document. */
export interface LensTargetsParams {
	textDocument: { uri: string };
}

/** `shipshape/lensTargets`: each compose service, or the Dockerfile's final FROM; empty for other documents. */
export const LensTargetsRequest = new RequestType<LensTargetsParams, LensTarget[], void>('shipshape/lensTargets');

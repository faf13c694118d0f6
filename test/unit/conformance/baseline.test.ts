import { describe } from 'node:test';
import { verdicts } from './verdicts';

// Verdicts that held before the verdict-parity work, kept so they keep holding.
describe('Docker verdicts: baseline', () => {
	verdicts('dockerfile', [
		{
			name: 'a minimal Dockerfile',
			text: 'FROM alpine:3.20\nCMD ["true"]\n',
			upstream: 'buildkit frontend/dockerfile/parser/parser.go Parse',
		},
		{
			name: 'an unknown instruction',
			text: 'FROM alpine:3.20\nFETCH x\n',
			upstream: 'buildkit frontend/dockerfile/instructions/parse.go ParseInstruction: unknown instruction',
			refusedBy: 'dockerfile/syntax',
		},
	]);
	verdicts('compose', [
		{
			name: 'one service with an image',
			text: 'services:\n  web:\n    image: nginx:1.27\n',
			upstream: 'compose-go loader/loader.go LoadWithContext',
		},
		{
			name: 'an unknown service key',
			text: 'services:\n  web:\n    image: nginx:1.27\n    imagee: x\n',
			upstream: 'compose-go schema/compose-spec.json additionalProperties',
			refusedBy: 'compose/schema',
		},
	]);
});

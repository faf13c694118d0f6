import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../../../server/src/core/dockerfile/model';
import { signatureHelp } from '../../../../../server/src/core/features/dockerfile/signature-help';

/** The signature's label and the active parameter's label at the `|` marker. */
function at(marked: string): [string, string] | undefined {
	const offset = marked.indexOf('|');
	const model = parseDockerfile(marked.replace('|', ''));
	const help = signatureHelp(model, model.index.positionAt(offset));
	if (help === null) return undefined;
	const signature = help.signatures[0];
	return [signature.label, String(signature.parameters?.[help.activeParameter ?? 0]?.label)];
}

describe('signature help (Dockerfile)', () => {
	it('shows the flags and arguments, the flag under the cursor active', () => {
		assert.deepEqual(at('FROM a\nRUN --netw|ork=none true\n'), [
			'RUN [--mount=…] [--network=…] [--security=…] <command>',
			'[--network=…]',
		]);
		assert.deepEqual(at('FROM a\nRUN --network=none tr|ue\n')?.[1], '<command>');
	});

	it("makes COPY's last word the destination and FROM's words after the image its name", () => {
		assert.equal(at('FROM a\nCOPY --link sr|c /dst\n')?.[1], '<source>…');
		assert.equal(at('FROM a\nCOPY a b |')?.[1], '<destination>');
		assert.equal(at('FROM a\nCOPY a |b\n')?.[1], '<destination>');
		assert.equal(at('FROM alp|ine\n')?.[1], '<image>');
		assert.equal(at('FROM alpine |')?.[1], 'AS <name>');
	});

	it('has nothing on the keyword, in a heredoc body or on an unknown instruction', () => {
		assert.equal(at('FROM a\nR|UN true\n'), undefined);
		assert.equal(at('FROM a\nRUN <<EOF\nec|ho\nEOF\n'), undefined);
		assert.equal(at('FROM a\nNOPE x|\n'), undefined);
	});
});

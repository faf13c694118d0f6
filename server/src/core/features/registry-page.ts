import type { ImageRef } from '../dockerfile/image-ref';

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * The web page of an image's repository on its registry, for the registries that have one per repository:
 * what a Dockerfile's `FROM` and a Compose file's `image:` link to.
 */
export function registryPage(image: ImageRef): { url: string; registry: string } | undefined {
	if (image.hasVariables || image.repository === '' || image.repository === 'scratch') return undefined;
	const path = image.repository.split('/').map(encodeURIComponent).join('/');
	if (image.registry === undefined || DOCKER_HUB.has(image.registry)) {
		return image.official
			? { url: `https://hub.docker.com/_/${path}`, registry: 'Docker Hub' }
			: { url: `https://hub.docker.com/r/${path}`, registry: 'Docker Hub' };
	}
	switch (image.registry) {
		case 'ghcr.io':
			// ghcr.io sends a browser to the package's page on GitHub.
			return { url: `https://ghcr.io/${path}`, registry: 'GitHub Container Registry' };
		case 'quay.io':
			return { url: `https://quay.io/repository/${path}`, registry: 'Quay' };
		case 'mcr.microsoft.com':
			return { url: `https://mcr.microsoft.com/artifact/mar/${path}`, registry: 'Microsoft Artifact Registry' };
		case 'public.ecr.aws':
			return { url: `https://gallery.ecr.aws/${path}`, registry: 'Amazon ECR Public Gallery' };
		default:
			return undefined;
	}
}

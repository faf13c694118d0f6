// What the rest of the client imports from the engine layer.
export * from './types';
export { createDockerEngine, type EngineOptions } from './engine';
export { parseHost, resolveEndpoint, resolveEndpointFromSystem, DEFAULT_SOCKET, type ResolveInput } from './endpoint';
export { isContainerIdOrName, checkedContainerId, checkedImageRef } from './validate';
export { cpuPercent, memoryUsage, sampleFromStats } from './stats';
export { engineChoices, engineChoicesFromSystem, type EngineChoice, type ContextInput } from './contexts';

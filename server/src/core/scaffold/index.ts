export * from './types';
export { detectProject, portValue } from './detect';
export { detectProjectAsync, type AsyncProjectReader } from './detect-async';
export {
	answerProblems,
	declaredDetection,
	defaultAnswers,
	generateFiles,
	KIND_DEFAULTS,
	notesFor,
	openQuestions,
	parseDatastores,
} from './generate';
export { IMAGES } from './images';

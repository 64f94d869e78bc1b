/**
 * What the app-generation pipeline uses of the agents. Importing this module also registers the three
 * offline generators (appgen-page, appgen-integration, appgen-fix) with the offline model.
 */
export { generatePage, offlinePage, pageTask, specActions, PAGE_PURPOSE } from "./page-agent";
export { integrateApp, offlineIntegration, integrationTask, INTEGRATION_PURPOSE } from "./integration-agent";
export { fixApp, offlineFix, fixTask, FIX_PURPOSE } from "./fix-agent";
export { filesNamedInErrors } from "./fix/error-files";
export { checkAgentFiles, pageScope, pageFilePath, INTEGRATION_SCOPE, FIX_SCOPE, FILE_MAX_BYTES, TOTAL_MAX_BYTES, MAX_FILES, type AgentScope } from "./scope";
export { scaffoldFiles, generatedPackageJson, STARTER_FILES, STARTER_DIR, EXECUTABLE_FILES } from "./site/scaffold";
export type * from "./types";

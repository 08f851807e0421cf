export { renderAll, SECRET_FILES } from './render/render-all.js';
export { renderExtensionsConf } from './render/extensions-conf.js';
export { renderQueuesConf } from './render/queues-conf.js';
export { renderPjsipConf } from './render/pjsip-conf.js';
export { renderPjsipAuthConf, renderManagerConf, renderAriConf, renderHttpConf } from './render/system-conf.js';
export { listSecretRefs, resolveSecrets, type SecretMap, type SecretRef } from './render/secrets.js';
export { CONTEXTS, destinationSteps } from './render/destination-steps.js';
export { demoSecrets } from './demo-secrets.js';
export { writeConfigFolder, type WriteResult } from './write-config-folder.js';

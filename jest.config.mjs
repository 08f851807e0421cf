// `npm test` runs every workspace's suite as one jest run.
export default {
  projects: ['<rootDir>/shared', '<rootDir>/server', '<rootDir>/pbx-config', '<rootDir>/pbx-sim', '<rootDir>/agent-console', '<rootDir>/test'],
};

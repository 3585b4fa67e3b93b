// GitHub Action entry point. Until the Action issue lands it fails the step clearly rather than
// passing silently.
import * as core from '@actions/core';

core.setFailed('agent-gate: the GitHub Action is not implemented yet in this version; pin a released version');

import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// vitest runs without globals, so Testing Library cannot register its own cleanup or act() flag.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Screens load some code on demand (the summary, exports); on a busy 2-core machine that can
// take far longer than Testing Library's 1 s default before a findBy* gives up. A findBy* returns
// as soon as its element is there, so this costs a passing test nothing (the test timeout is 60 s).
configure({ asyncUtilTimeout: 20_000 });

afterEach(() => {
  cleanup();
  // The app routes by location.hash; each test starts on the meeting list.
  window.history.replaceState(null, '', '/');
  window.sessionStorage.clear();
  window.localStorage.clear();
  delete document.documentElement.dataset.theme;
});

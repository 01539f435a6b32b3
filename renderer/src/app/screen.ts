import type { Library } from '../../../shared/domain';
import type { NavigateOptions, Route } from './useRoute';

/** A button in a toast, e.g. "Undo". */
export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

/** What every screen gets from the shell (App.tsx). */
export interface ScreenProps {
  library: Library;
  navigate: (route: Route, options?: NavigateOptions) => void;
  showToast: (message: string, action?: ToastAction) => void;
}

/** Which view is open, and which secret the detail / scopes views look at. */
import type { StateCreator } from 'zustand';

export const VIEWS = ['overview', 'secrets', 'keys', 'scopes', 'troubleshoot', 'leaks', 'activity', 'settings'] as const;
export type NavView = (typeof VIEWS)[number];
export type View = NavView | 'secret';

export const VIEW_LABEL: Record<View, string> = {
  overview: 'Overview',
  secrets: 'Secrets',
  secret: 'Secret',
  keys: 'Keys',
  scopes: 'Scopes',
  troubleshoot: 'Troubleshoot 401',
  leaks: 'Leaks',
  activity: 'Activity',
  settings: 'Settings',
};

export interface NavSlice {
  view: View;
  selectedSecret: string | null;
  navigate(view: View, secret?: string): void;
}

export const createNavSlice: StateCreator<NavSlice, [], [], NavSlice> = (set) => ({
  view: 'overview',
  selectedSecret: null,
  navigate(view, secret) {
    set((s) => ({ view, selectedSecret: secret ?? s.selectedSecret }));
  },
});

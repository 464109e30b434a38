// Placeholder: the typed `window.keyhive` bridge lands with the desktop-app work.
export {};

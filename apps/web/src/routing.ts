import { useEffect, useState } from 'react';

/**
 * Routes live in the hash (`#/clusters/42`): the gateway serves one
 * index.html and needs no fallback for the app's paths beside the API's.
 */
function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

export function useRoute(): string[] {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const follow = () => setPath(currentPath());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}

export const href = (path: string) => `#${path}`;

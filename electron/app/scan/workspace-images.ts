/**
 * The Docker images of a workspace: for each Docker service, the `image:` its compose file names
 * (or the name Compose gives a built image, `<project>-<service>` / `<project>_<service>`), and
 * the image of any container of that Compose service. Only images the engine has are listed.
 */
import type { Workspace } from '../../core/workspace/workspace.js';
import type { DockerEngine } from '../../adapters/docker/engine-api.js';
import { resolveComposeTarget } from '../../adapters/docker/compose-target.js';

export async function workspaceImages(workspace: Workspace, engine: DockerEngine): Promise<string[]> {
  const candidates = new Set<string>();
  for (const svc of workspace.services.values()) {
    if (!svc.config.docker) continue;
    const target = await resolveComposeTarget(svc).catch(() => null);
    if (!target) continue;
    if (target.compose.image) candidates.add(target.compose.image);
    else {
      candidates.add(`${target.project}-${target.service}`);
      candidates.add(`${target.project}_${target.service}`);
    }
    for (const c of await engine.composeContainers(target.project, target.service).catch(() => [])) {
      const image = (c as unknown as { Image?: string }).Image;
      if (image) candidates.add(image);
    }
  }
  const present: string[] = [];
  for (const ref of [...candidates].sort()) {
    const { status } = await engine.get(`/images/${encodeURIComponent(ref)}/json`);
    if (status === 200) present.push(ref);
  }
  return present;
}

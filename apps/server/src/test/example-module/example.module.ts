import { Type } from 'typebox';
import type { FazhiModule } from '../../platform/modules.ts';
import { caseCtxOf, runScoped } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { loadCaseHead } from '../../platform/cases/transition.ts';

/**
 * The smallest module there is, for the tests: a folder and one line in a module list. It
 * brings a case type with typed intake data, a route and an event label of its own.
 */
export const exampleModule: FazhiModule = {
  key: 'example',
  label: { zh: '示例事项', en: 'Example' },
  caseTypes: [{
    code: 'example', refCode: '例', label: { zh: '示例事项', en: 'Example' },
    readPermission: 'grid.read', handlePermission: 'grid.handle', citizenFacing: false, initial: 'open',
    intake: Type.Object({ place: Type.String({ title: '地点', description: 'Place', minLength: 1, maxLength: 50 }) }, { additionalProperties: false }),
    states: { open: { label: { zh: '处理中', en: 'Open' }, kind: 'open' }, done: { label: { zh: '已办结', en: 'Done' }, kind: 'closed' } },
    transitions: [{ key: 'finish', label: { zh: '办结', en: 'Finish' }, from: ['open'], to: 'done', permission: 'grid.handle',
      fields: Type.Object({ result: Type.String({ title: '处理结果', description: 'Result', minLength: 1, maxLength: 200 }) }, { additionalProperties: false }) }],
    deadlines: [{ key: 'handle', label: { zh: '处置期限', en: 'Handling' }, length: 3, unit: 'wd', startOn: 'created', stopOn: ['finish'], basis: '示例规则' }],
  }],
  routes: [(app, platform) => {
    app.get('/api/example/cases/:id/place', { config: { access: { permission: 'grid.read' } }, schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
      async (req) => runScoped(platform, signedInActor(req), async (tx) => {
        const { head } = await loadCaseHead(caseCtxOf(platform, tx), req.params.id);
        const r = await tx.client.query<{ place: string }>("SELECT data ->> 'place' AS place FROM cases WHERE id = $1", [head.id]);
        return { place: r.rows[0]?.place ?? null };
      }));
  }],
  eventLabels: { visit: { zh: '现场核查', en: 'Site check' } },
};

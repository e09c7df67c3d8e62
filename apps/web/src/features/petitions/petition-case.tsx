import type { CaseExtension, CasePanelProps } from '../cases/case-extensions.ts';
import { PetitionPanel } from './petition-panel.tsx';

/** The petition's routing decision, documents, repeats and recusal, beside the clocks on the one case page. */
const PetitionSide = ({ view, reload }: CasePanelProps) => <PetitionPanel kase={view} onChanged={reload} />;

/** Petitions (信访) on the one case page; its steps take the fields their schema declares. */
export const petitionCase: CaseExtension = { side: [PetitionSide] };

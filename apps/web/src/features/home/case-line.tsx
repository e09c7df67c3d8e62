import { List, Tag } from 'antd';
import { Link } from 'react-router';
import type { CaseRow } from '@fazhi/contracts';
import { caseLink } from '../cases/case-columns.tsx';
import { DueTag, WaitingTags } from '../cases/due-tag.tsx';

/**
 * One open case on a home page: title, reference and org, its next due date (and a tag); a
 * case with no duty running but a minimum period (a public comment, a legality review) shows
 * the day that period ends rather than "not started".
 */
export const CaseLine = ({ row, claim }: { row: CaseRow; claim: string | null }) => (
  <List.Item className="fz-home-case">
    <Link to={caseLink(row.id)} className="fz-home-case__link">
      <span className="fz-home-case__title">{row.title}</span>
      <span className="fz-home-case__meta"><span className="fz-num">{row.ref}</span> · {row.orgName}</span>
    </Link>
    <span className="fz-home-case__tags">
      {claim && <Tag color="blue">{claim}</Tag>}
      {!row.nextDue && row.waiting?.length ? <WaitingTags waiting={row.waiting} />
        : <DueTag due={row.nextDue} state={row.dueState} remaining={row.remaining} unit={row.nextDueUnit} />}
    </span>
  </List.Item>
);

import { List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { PetitionRepeat } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';

/** Earlier petitions a matter may repeat: the same petitioner (blind index), or a similar matter. */
export const RepeatsList = ({ items }: { items: readonly PetitionRepeat[] }) => {
  const t = useT();
  return (
    <List<PetitionRepeat>
      size="small"
      dataSource={[...items]}
      locale={{ emptyText: t('petitions.repeats.none') }}
      renderItem={(r) => (
        <List.Item key={r.id} data-testid="petition-repeat">
          <div>
            <Link to={`/console/cases/${r.id}`}>{r.ref}</Link> <Typography.Text>{r.title}</Typography.Text>
            <div>
              {r.samePerson && <Tag color="red">{t('petitions.repeats.samePerson')}</Tag>}
              {r.similarity > 0 && <Tag color="orange">{t('petitions.repeats.similar', { percent: String(Math.round(r.similarity * 100)) })}</Tag>}
              <Tag>{t(r.standing === 'final' ? 'petitions.repeats.final' : 'petitions.repeats.inHand')}</Tag>
              <Typography.Text type="secondary">{r.receivedOn}</Typography.Text>
            </div>
          </div>
        </List.Item>
      )}
    />
  );
};

import { Redirect } from 'wouter';
import { QueuePage } from '../pages/queue';
import { holds, useMe } from '../session';

/**
 * "/": the report queue for those who work reports; officials who only run a service land
 * on its screen instead of a queue the API would refuse them.
 */
export function Landing() {
  const me = useMe();
  if (holds(me, 'report.read')) return <QueuePage />;
  if (holds(me, 'appointments.work')) return <Redirect to="/lich-kham" replace />;
  if (holds(me, 'training.manage')) return <Redirect to="/tap-huan" replace />;
  if (holds(me, 'surveys.manage') || holds(me, 'surveys.results')) {
    return <Redirect to="/khao-sat" replace />;
  }
  // Public information (issue 8): each editor lands on their module.
  const editors: [Parameters<typeof holds>[1], string][] = [
    ['news.manage', '/tin-tuc'],
    ['emergency.manage', '/canh-bao-khan-cap'],
    ['schedules.manage', '/lich-cong-tac'],
    ['investment.manage', '/dau-tu'],
    ['directory.manage', '/danh-ba'],
    ['places.manage', '/ban-do-so'],
    ['procedures.manage', '/dich-vu-cong'],
    ['indicators.manage', '/chi-tieu'],
    ['qa.ask', '/tuong-tac'],
    ['qa.answer', '/tuong-tac'],
  ];
  const landing = editors.find(([action]) => holds(me, action));
  if (landing) return <Redirect to={landing[1]} replace />;
  return <QueuePage />;
}

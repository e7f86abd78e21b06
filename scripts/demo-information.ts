import type { Client } from '@libsql/client';
import { seedDemoDirectory } from './demo-directory';
import { seedDemoEmergency } from './demo-emergency';
import { seedDemoIndicators } from './demo-indicators';
import { seedDemoInvestment } from './demo-investment';
import { seedDemoNews } from './demo-news';
import { seedDemoPlaces } from './demo-places';
import { seedDemoProcedures } from './demo-procedures';
import { seedDemoQa } from './demo-qa';
import { seedDemoSchedules } from './demo-schedules';

// The public-information modules' demo content (issue 8), for `npm start` and the browser
// test: one call so both seed the same thing. Each seeder is idempotent and needs the demo
// officials and agencies (seedDemoOfficials) first; `now` anchors schedules, alerts' validity
// windows and publication dates, so a fresh start always shows this week's content.

export async function seedDemoInformation(client: Client, now = new Date()): Promise<void> {
  await seedDemoNews(client, now);
  await seedDemoEmergency(client, now);
  await seedDemoSchedules(client, now);
  await seedDemoInvestment(client, now);
  await seedDemoDirectory(client, now);
  await seedDemoProcedures(client, now);
  await seedDemoPlaces(client, now);
  await seedDemoIndicators(client, now);
  await seedDemoQa(client, now);
}

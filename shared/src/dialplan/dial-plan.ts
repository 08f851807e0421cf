import { z } from 'zod';
import { endpointSchema, trunkSchema } from './endpoint.js';
import { inboundRouteSchema, internalRouteSchema } from './inbound-route.js';
import { ivrMenuSchema } from './ivr-menu.js';
import { queueSchema } from './queue.js';
import { scheduleSchema } from './schedule.js';
import { systemSettingsSchema } from './system-settings.js';
import { labelText } from './text.js';

/** Version of the dial-plan document format; bumped on incompatible changes. */
export const DIAL_PLAN_SCHEMA_VERSION = 1;

/** The whole switch configuration Ringside manages, as stored (in versions) by the server. */
export const dialPlanSchema = z.strictObject({
  schemaVersion: z.literal(DIAL_PLAN_SCHEMA_VERSION).describe('document format version'),
  name: labelText.describe('name of this dial plan (site)'),
  inboundRoutes: z.array(inboundRouteSchema).max(1000).default([]).describe('how calls from trunks are routed'),
  internalRoutes: z.array(internalRouteSchema).max(1000).default([]).describe('numbers agents dial besides extensions'),
  ivrMenus: z.array(ivrMenuSchema).max(200).default([]).describe('voice menus'),
  queues: z.array(queueSchema).max(200).default([]).describe('call queues'),
  schedules: z.array(scheduleSchema).max(50).default([]).describe('business hours and holidays'),
  endpoints: z.array(endpointSchema).max(2000).default([]).describe('agent phones'),
  trunks: z.array(trunkSchema).max(50).default([]).describe('SIP trunks'),
  system: systemSettingsSchema.describe('AMI, ARI and HTTP settings'),
});
/** A dial plan after parsing (defaults filled in). */
export type DialPlan = z.infer<typeof dialPlanSchema>;
/** A dial plan as written by a person or stored (defaults optional). */
export type DialPlanInput = z.input<typeof dialPlanSchema>;

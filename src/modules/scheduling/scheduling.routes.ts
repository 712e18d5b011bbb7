import { bind } from '../../server/context.ts';
import * as c from './scheduling.contract.ts';
import * as s from './scheduling.service.ts';

export const schedulingRoutes = [
  bind(c.getAvailabilityRoute, (ctx, { params }) => s.getAvailability(ctx, params.userId)),
  bind(c.saveAvailabilityRoute, (ctx, { params, body }) => s.saveAvailability(ctx, params.userId, body)),
  bind(c.importIcsRoute, (ctx, { params, body }) => s.importIcs(ctx, params.userId, body.ics)),
  bind(c.refreshFeedRoute, (ctx, { params }) => s.refreshFeed(ctx, params.userId)),
  bind(c.addBusyRoute, (ctx, { params, body }) => s.addBusy(ctx, params.userId, body)),
  bind(c.deleteBusyRoute, (ctx, { params }) => s.deleteBusy(ctx, params.userId, params.blockId)),
  bind(c.listPoolsRoute, (ctx) => s.listPools(ctx)),
  bind(c.createPoolRoute, (ctx, { body }) => s.savePool(ctx, null, body)),
  bind(c.savePoolRoute, (ctx, { params, body }) => s.savePool(ctx, params.id, body)),
  bind(c.deletePoolRoute, (ctx, { params }) => s.deletePool(ctx, params.id)),
  bind(c.getCandidateAvailabilityRoute, (ctx, { params }) => s.getCandidateAvailability(ctx, params.id)),
  bind(c.saveCandidateAvailabilityRoute, (ctx, { params, body }) => s.saveCandidateAvailability(ctx, params.id, body)),
  bind(c.createAvailabilityLinkRoute, (ctx, { params }) => s.createAvailabilityLink(ctx, params.id)),
  bind(c.readAvailabilityLinkRoute, (ctx, { params }) => s.readAvailabilityLink(ctx, params.token)),
  bind(c.submitAvailabilityLinkRoute, (ctx, { params, body }) => s.submitAvailabilityLink(ctx, params.token, body)),
  bind(c.searchSchedulesRoute, (ctx, { params, body }) => s.searchSchedules(ctx, params.id, body)),
  bind(c.bookScheduleRoute, (ctx, { params, body }) => s.bookSchedule(ctx, params.id, body)),
  bind(c.interviewIcsRoute, (ctx, { params }) => s.interviewIcs(ctx, params.id)),
  bind(c.createCalendarFeedRoute, (ctx) => s.createCalendarFeed(ctx)),
  bind(c.revokeCalendarFeedRoute, (ctx) => s.revokeCalendarFeed(ctx)),
  bind(c.calendarFeedRoute, (ctx, { params }) => s.calendarFeed(ctx, params.token)),
];

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  calendarDay,
  calendarDayPut,
  calendarDaysQuery,
  calendarYear,
  dateParam,
  deadlineAnswer,
  deadlineQuery,
  workingHoursPut,
} from '../../../contracts/calendar';
import { okResult } from '../../../contracts/common';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../access';
import * as calendar from './calendar.usecases';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/calendar/deadline',
    {
      schema: {
        tags,
        summary: 'When a time limit starting at `from` runs out (working days, working hours or clock hours)',
        description:
          'Give exactly one of `workingDays`, `workingHours`, `clockHours`. The starting day is not counted: ' +
          'a working-day limit ends at 23:59:59 Asia/Shanghai of the n-th working day after the day of `from` ' +
          '(3 working days from Wed 2026-09-30 end on Sat 2026-10-10, a make-up workday). Working hours are ' +
          '09:00–17:00 unless the district changed them. Public: the calendar is the published State Council schedule.',
        querystring: deadlineQuery,
        response: { 200: deadlineAnswer },
        security: [],
      },
    },
    async (request) => calendar.answerDeadline(ctx, request.query),
  );

  app.get(
    '/calendar/days',
    {
      schema: {
        tags,
        summary: 'Holidays and make-up workdays of one year, with its number of working days',
        querystring: calendarDaysQuery,
        response: { 200: calendarYear },
      },
      preHandler: requirePermission('calendar.read'),
    },
    async (request) => calendar.calendarYear(ctx, actorOf(request), request.query.year),
  );

  app.put(
    '/calendar/days/:date',
    {
      schema: {
        tags,
        summary: 'Mark a day as holiday or make-up workday (district_admin); open deadlines do not move',
        params: dateParam,
        body: calendarDayPut,
        response: { 200: calendarDay },
      },
      preHandler: requirePermission('calendar.manage'),
    },
    async (request) => calendar.setCalendarDay(ctx, actorOf(request), request.params.date, request.body),
  );

  app.delete(
    '/calendar/days/:date',
    {
      schema: {
        tags,
        summary: 'Remove an override: the day follows the Monday–Friday rule again',
        params: dateParam,
        response: { 200: okResult },
      },
      preHandler: requirePermission('calendar.manage'),
    },
    async (request) => {
      await calendar.removeCalendarDay(ctx, actorOf(request), request.params.date);
      return { ok: true as const };
    },
  );

  app.put(
    '/calendar/working-hours',
    {
      schema: {
        tags,
        summary: 'Set the working hours used by working-hour limits (default 09:00–17:00)',
        body: workingHoursPut,
        response: { 200: okResult },
      },
      preHandler: requirePermission('calendar.manage'),
    },
    async (request) => {
      await calendar.setWorkingHours(ctx, actorOf(request), request.body.workStart, request.body.workEnd);
      return { ok: true as const };
    },
  );
};

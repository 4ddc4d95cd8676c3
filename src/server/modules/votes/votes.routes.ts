import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  castBallotBody,
  closeVoteBody,
  createVoteBody,
  myVotesView,
  paperBallotBody,
  recordHeldVoteBody,
  reproduceView,
  rollExportQuery,
  rollPage,
  rollQuery,
  versionBody,
  voteDetail,
  voteExportQuery,
  voteListQuery,
  votePage,
} from '../../../contracts/votes';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as votes from './votes.usecases';

const tags = ['votes'];

export const votesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/votes',
    {
      schema: {
        tags,
        summary: 'Owner votes (业主表决)',
        querystring: voteListQuery,
        response: { 200: votePage },
      },
      preHandler: requirePermission('votes.read'),
    },
    async (request) => votes.listVotes(ctx, actorOf(request), request.query),
  );

  app.get(
    '/votes/export.xlsx',
    {
      schema: { tags, summary: 'Owner votes as an Excel workbook', querystring: voteExportQuery },
      preHandler: requirePermission('votes.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('votes:export.filename')}.xlsx`,
        sheet: t('votes:export.sheet'),
        rows: votes.iterateVotes(ctx, actor, q),
        columns: [
          { header: t('votes:field.community'), value: (r) => r.community.name, width: 20 },
          { header: t('votes:field.title'), value: (r) => r.title, width: 30 },
          { header: t('votes:field.matterType'), value: (r) => t(`votes:matter.${r.matterType}`), width: 24 },
          { header: t('votes:field.status'), value: (r) => t(`votes:status.${r.status}`), width: 10 },
          {
            header: t('votes:field.ruleSet'),
            value: (r) => (r.ruleSet ? t(`votes:ruleSet.${r.ruleSet}`) : ''),
            width: 20,
          },
          { header: t('votes:field.openedOn'), value: (r) => r.openedOn, width: 12 },
          { header: t('votes:field.rollUnits'), value: (r) => r.rollUnits, width: 10 },
          { header: t('votes:field.ballots'), value: (r) => r.ballots, width: 10 },
          {
            header: t('votes:field.passed'),
            value: (r) =>
              r.passed === null ? '' : r.passed ? t('votes:result.passed') : t('votes:result.failed'),
            width: 10,
          },
        ],
      });
    },
  );

  app.get(
    '/votes/:id',
    {
      schema: {
        tags,
        summary: 'A vote: requirement of SPEC 5.5, published result, the caller’s units and abilities',
        params: idParam,
        response: { 200: voteDetail },
      },
      preHandler: requirePermission('votes.read'),
    },
    async (request) => votes.getVote(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/votes',
    {
      schema: { tags, summary: 'Draft a vote', body: createVoteBody, response: { 200: voteDetail } },
      preHandler: requirePermission('votes.manage'),
    },
    async (request) => votes.createVote(ctx, actorOf(request), request.body),
  );

  app.post(
    '/votes/held',
    {
      schema: {
        tags,
        summary:
          'Record a vote held on paper before (owners assembly): tallied by the law of its first ballot day, published as recorded after the fact',
        body: recordHeldVoteBody,
        response: { 200: voteDetail },
      },
      preHandler: requirePermission('votes.record'),
    },
    async (request) => votes.recordHeldVote(ctx, actorOf(request), request.body),
  );

  app.post(
    '/votes/:id/open',
    {
      schema: {
        tags,
        summary: 'Open the vote: fixes the rule in force today and freezes the roll of units',
        params: idParam,
        body: versionBody,
        response: { 200: voteDetail },
      },
      preHandler: requirePermission('votes.manage'),
    },
    async (request) => votes.openVote(ctx, actorOf(request), request.params.id, request.body.version),
  );

  app.post(
    '/votes/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a draft',
        params: idParam,
        body: versionBody,
        response: { 200: voteDetail },
      },
      preHandler: requirePermission('votes.manage'),
    },
    async (request) => votes.cancelVote(ctx, actorOf(request), request.params.id, request.body.version),
  );

  app.post(
    '/votes/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a due vote, tally it and publish the result for at least 7 days',
        params: idParam,
        body: closeVoteBody,
        response: { 200: voteDetail },
      },
      preHandler: requirePermission('votes.manage'),
    },
    async (request) => votes.closeVote(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/votes/:id/ballots',
    {
      schema: {
        tags,
        summary: "Cast the ballot of one's own unit online (final once cast)",
        params: idParam,
        body: castBallotBody,
        response: { 200: voteDetail },
      },
      preHandler: requirePermission('votes.cast'),
    },
    async (request) => votes.castBallot(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/votes/:id/paper-ballots',
    {
      schema: {
        tags,
        summary: 'Enter a paper ballot with the scan of the signed paper (owners committee)',
        params: idParam,
        body: paperBallotBody,
        response: { 200: voteDetail },
      },
      preHandler: requirePermission('votes.manage'),
    },
    async (request) => votes.enterPaperBallot(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/votes/:id/roll',
    {
      schema: {
        tags,
        summary: 'The frozen roll with each unit’s ballot',
        params: idParam,
        querystring: rollQuery,
        response: { 200: rollPage },
      },
      preHandler: requirePermission('votes.roll'),
    },
    async (request) => votes.rollOfVote(ctx, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/votes/:id/roll/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The roll and ballots as an Excel workbook',
        params: idParam,
        querystring: rollExportQuery,
      },
      preHandler: requirePermission('votes.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      return sendExcel(reply, {
        filename: `${t('votes:export.rollFilename')}.xlsx`,
        sheet: t('votes:export.rollSheet'),
        rows: votes.iterateRoll(ctx, actor, request.params.id),
        columns: [
          { header: t('votes:field.building'), value: (r) => r.building, width: 10 },
          { header: t('votes:field.unit'), value: (r) => r.number, width: 10 },
          { header: t('votes:field.exclusiveArea'), value: (r) => Number(r.exclusiveArea), width: 12 },
          { header: t('votes:field.ownerKey'), value: (r) => r.ownerKey, width: 20 },
          {
            header: t('votes:field.choice'),
            value: (r) => (r.ballot ? t(`votes:choice.${r.ballot.choice}`) : ''),
            width: 10,
          },
          {
            header: t('votes:field.channel'),
            value: (r) => (r.ballot ? t(`votes:channel.${r.ballot.channel}`) : ''),
            width: 10,
          },
          { header: t('votes:field.castAt'), value: (r) => r.ballot?.castAt ?? '', width: 22 },
        ],
      });
    },
  );

  app.get(
    '/votes/:id/tally',
    {
      schema: {
        tags,
        summary: 'Recount from the stored ballots and compare with the published result',
        params: idParam,
        response: { 200: reproduceView },
      },
      preHandler: requirePermission('votes.roll'),
    },
    async (request) => votes.reproduce(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/me/votes',
    {
      schema: {
        tags: ['me'],
        summary: 'Votes for my units: open ones and results on the board',
        response: { 200: myVotesView },
      },
      preHandler: requirePermission('me.read'),
    },
    async (request) => votes.myVotes(ctx, actorOf(request)),
  );
};

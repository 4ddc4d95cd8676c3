import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import { MAX_FILE_BYTES } from '../../../contracts/files';
import {
  addEvidenceBody,
  addFiveInOneMeetingBody,
  addLiaisonBody,
  addMeetingBody,
  addMemberBody,
  addTrainingBody,
  committeeMeetingPage,
  communityParam,
  complianceQuery,
  complianceReport,
  createOwnersCommitteeBody,
  disclosureListQuery,
  disclosurePage,
  disclosureView,
  evidenceParam,
  fiveInOneListQuery,
  fiveInOneMeeting,
  fiveInOneMeetingPage,
  followUpBody,
  issueListQuery,
  issuePage,
  langParam,
  liaisonEvent,
  liaisonListQuery,
  liaisonPage,
  memberParam,
  ownerContact,
  ownerImportColumns,
  ownerImportResult,
  ownerPerson,
  ownerSummary,
  ownersCommitteeDetail,
  ownersCommitteeExportQuery,
  ownersCommitteeListQuery,
  ownersCommitteePage,
  ownerUnitDetail,
  ownerUnitExportQuery,
  ownerUnitListQuery,
  ownerUnitPage,
  pageQuery,
  patchMemberBody,
  patchOwnersCommitteeBody,
  personParam,
  publishDisclosureBody,
  reminderListQuery,
  reminderPage,
  reviewEvidenceBody,
  setUnitOwnersBody,
  trainingListQuery,
  trainingPage,
  trainingRecord,
  trainingSummary,
  trainingSummaryQuery,
  unitParam,
} from '../../../contracts/owners';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { readUpload } from '../../platform/files/files';
import { translator } from '../../platform/i18n';
import { importOwners } from './owners.import';
import * as owners from './owners.usecases';

const tags = ['owners'];
const created = { id: z.number() };

export const ownersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } });

  // --- units and owners ----------------------------------------------------------------------

  app.get(
    '/owner-units',
    {
      schema: {
        tags,
        summary: 'Owner register of a community: units with their current owners (phone and ID masked)',
        querystring: ownerUnitListQuery,
        response: { 200: ownerUnitPage },
      },
      preHandler: requirePermission('owners.read'),
    },
    async (request) => owners.listOwnerUnits(ctx, actorOf(request), request.query),
  );

  app.get(
    '/owner-units/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The owner register as an Excel workbook (masked)',
        querystring: ownerUnitExportQuery,
      },
      preHandler: requirePermission('owners.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('owners:export.unitsFilename')}.xlsx`,
        sheet: t('owners:export.unitsSheet'),
        rows: owners.iterateOwnerUnits(ctx, actor, q),
        columns: [
          { header: t('owners:field.community'), value: (r) => r.community.name, width: 20 },
          { header: t('owners:field.building'), value: (r) => r.building.name, width: 10 },
          { header: t('owners:field.unit'), value: (r) => r.number, width: 10 },
          { header: t('owners:field.exclusiveArea'), value: (r) => Number(r.exclusiveArea), width: 12 },
          { header: t('owners:field.status'), value: (r) => t(`owners:status.${r.status}`), width: 14 },
          {
            header: t('owners:field.owners'),
            value: (r) => r.owners.map((o) => o.name).join('、'),
            width: 24,
          },
          {
            header: t('owners:field.phone'),
            value: (r) =>
              r.owners
                .map((o) => o.phone ?? '')
                .filter(Boolean)
                .join('、'),
            width: 20,
          },
        ],
      });
    },
  );

  app.get(
    '/owner-units/:unitId',
    {
      schema: {
        tags,
        summary: 'One unit and its owners',
        params: unitParam,
        response: { 200: ownerUnitDetail },
      },
      preHandler: requirePermission('owners.read'),
    },
    async (request) => owners.getOwnerUnit(ctx, actorOf(request), request.params.unitId),
  );

  app.put(
    '/owner-units/:unitId/owners',
    {
      schema: {
        tags,
        summary: "Record a unit's owners (a transfer ends the current ones), or the developer's unsold unit",
        params: unitParam,
        body: setUnitOwnersBody,
        response: { 200: ownerUnitDetail },
      },
      preHandler: requirePermission('owners.manage'),
    },
    async (request) => owners.setUnitOwners(ctx, actorOf(request), request.params.unitId, request.body),
  );

  app.get(
    '/owners/:personId',
    {
      schema: {
        tags,
        summary: 'An owner and the units they hold',
        params: personParam,
        response: { 200: ownerPerson },
      },
      preHandler: requirePermission('owners.read'),
    },
    async (request) => owners.ownerPerson(ctx, actorOf(request), request.params.personId),
  );

  app.post(
    '/owners/:personId/reveal',
    {
      schema: {
        tags,
        summary: "An owner's unmasked phone and ID number; the view is audited",
        params: personParam,
        response: { 200: ownerContact },
      },
      preHandler: requirePermission('owners.reveal'),
    },
    async (request) => owners.revealOwner(ctx, actorOf(request), request.params.personId),
  );

  app.get(
    '/communities/:communityId/owner-summary',
    {
      schema: {
        tags,
        summary: 'Units, area and the owner count of SPEC 5.5 (developer once, each buyer once)',
        params: communityParam,
        response: { 200: ownerSummary },
      },
      preHandler: requirePermission('owners.read'),
    },
    async (request) => owners.ownerSummary(ctx, actorOf(request), request.params.communityId),
  );

  app.get(
    '/owners/import-template.xlsx',
    {
      schema: {
        tags,
        summary: 'The owner import workbook with its headers',
        querystring: z.strictObject({ lang: langParam }),
      },
      preHandler: requirePermission('owners.manage'),
    },
    async (request, reply) => {
      const t = translator(request.query.lang ?? request.lang);
      const example = {
        building: '1号',
        unit: '0101',
        name: t('owners:import.exampleName'),
        idNumber: '11010519491231002X',
        phone: '13800138000',
        type: t('owners:import.type.owner'),
        since: '2020-01-01',
      };
      return sendExcel(reply, {
        filename: `${t('owners:import.filename')}.xlsx`,
        sheet: t('owners:import.sheet'),
        rows: (async function* () {
          yield example;
        })(),
        columns: ownerImportColumns.map((c) => ({
          header: t(`owners:import.column.${c}`),
          value: (r: typeof example) => r[c],
          width: c === 'idNumber' ? 22 : 14,
        })),
      });
    },
  );

  app.post(
    '/communities/:communityId/owners/import',
    {
      schema: {
        tags,
        summary: 'Import owners from Excel (multipart field `file`): all rows or none',
        description:
          'On any bad cell the answer is 400 `owners.import_invalid` with one error per cell, path `row.<n>.<column>`.',
        params: communityParam,
        response: { 200: ownerImportResult },
      },
      preHandler: requirePermission('owners.manage'),
    },
    async (request) => {
      const actor = actorOf(request);
      const upload = await readUpload(request);
      return importOwners(ctx, actor, request.params.communityId, upload);
    },
  );

  // --- owners' committees -------------------------------------------------------------------

  app.get(
    '/owners-committees',
    {
      schema: {
        tags,
        summary: "Owners' committees with term, members and compliance rate (运作规范率)",
        querystring: ownersCommitteeListQuery,
        response: { 200: ownersCommitteePage },
      },
      preHandler: requirePermission('owners_committee.read'),
    },
    async (request) => owners.listCommittees(ctx, actorOf(request), request.query),
  );

  app.get(
    '/owners-committees/export.xlsx',
    {
      schema: {
        tags,
        summary: "Owners' committees as an Excel workbook",
        querystring: ownersCommitteeExportQuery,
      },
      preHandler: requirePermission('owners.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('owners:export.committeesFilename')}.xlsx`,
        sheet: t('owners:export.committeesSheet'),
        rows: owners.iterateCommittees(ctx, actor, q),
        columns: [
          { header: t('owners:field.street'), value: (r) => r.street.name, width: 14 },
          { header: t('owners:field.community'), value: (r) => r.community.name, width: 20 },
          { header: t('owners:field.committee'), value: (r) => r.name, width: 26 },
          { header: t('owners:field.termStart'), value: (r) => r.termStart, width: 12 },
          { header: t('owners:field.termEnd'), value: (r) => r.termEnd, width: 12 },
          { header: t('owners:field.members'), value: (r) => r.memberCount, width: 8 },
          { header: t('owners:field.crossAppointed'), value: (r) => r.crossAppointedCount, width: 10 },
          { header: t('owners:field.compliance'), value: (r) => `${r.compliance.percent}%`, width: 12 },
        ],
      });
    },
  );

  app.get(
    '/owners-committees/compliance',
    {
      schema: {
        tags,
        summary: '运作规范率: the eight operating systems evidenced, per street and per system',
        querystring: complianceQuery,
        response: { 200: complianceReport },
      },
      preHandler: requirePermission('owners_committee.read'),
    },
    async (request) => owners.complianceReport(ctx, actorOf(request), request.query.streetId),
  );

  app.get(
    '/owners-committees/reminders',
    {
      schema: {
        tags,
        summary: 'Re-election reminders',
        querystring: reminderListQuery,
        response: { 200: reminderPage },
      },
      preHandler: requirePermission('owners.read'),
    },
    async (request) => owners.listReminders(ctx, actorOf(request), request.query),
  );

  app.get(
    '/owners-committees/:id',
    {
      schema: {
        tags,
        summary: "An owners' committee: members, the eight systems with evidence, reminders",
        params: idParam,
        response: { 200: ownersCommitteeDetail },
      },
      preHandler: requirePermission('owners_committee.read'),
    },
    async (request) => owners.getCommittee(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/owners-committees',
    {
      schema: {
        tags,
        summary: "Register an owners' committee for a new term (at most 5 years); the previous one ends",
        body: createOwnersCommitteeBody,
        response: { 200: ownersCommitteeDetail },
      },
      preHandler: requirePermission('owners_committee.register'),
    },
    async (request) => owners.registerCommittee(ctx, actorOf(request), request.body),
  );

  app.patch(
    '/owners-committees/:id',
    {
      schema: {
        tags,
        summary: "Edit an owners' committee (optimistic)",
        params: idParam,
        body: patchOwnersCommitteeBody,
        response: { 200: ownersCommitteeDetail },
      },
      preHandler: requirePermission('owners_committee.register'),
    },
    async (request) => owners.updateCommittee(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/owners-committees/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a member (an owner of the community)',
        params: idParam,
        body: addMemberBody,
        response: { 200: ownersCommitteeDetail },
      },
      preHandler: requirePermission('owners_committee.manage'),
    },
    async (request) => owners.addMember(ctx, actorOf(request), request.params.id, request.body),
  );

  app.patch(
    '/owners-committees/:id/members/:memberId',
    {
      schema: {
        tags,
        summary: 'Change a member: office, cross-appointment to the residents committee, leaving',
        params: memberParam,
        body: patchMemberBody,
        response: { 200: ownersCommitteeDetail },
      },
      preHandler: requirePermission('owners_committee.manage'),
    },
    async (request) =>
      owners.updateMember(ctx, actorOf(request), request.params.id, request.params.memberId, request.body),
  );

  app.post(
    '/owners-committees/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Add evidence that one of the eight operating systems is in force',
        params: idParam,
        body: addEvidenceBody,
        response: { 200: ownersCommitteeDetail },
      },
      preHandler: requirePermission('owners_committee.manage'),
    },
    async (request) => owners.addEvidence(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/owners-committees/:id/evidence/:evidenceId/review',
    {
      schema: {
        tags,
        summary: 'Accept or reject evidence (residents committee, street)',
        params: evidenceParam,
        body: reviewEvidenceBody,
        response: { 200: ownersCommitteeDetail },
      },
      preHandler: requirePermission('owners_committee.guide'),
    },
    async (request) =>
      owners.reviewEvidence(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.evidenceId,
        request.body,
      ),
  );

  app.get(
    '/owners-committees/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Meetings with minutes',
        params: idParam,
        querystring: pageQuery,
        response: { 200: committeeMeetingPage },
      },
      preHandler: requirePermission('owners.read'),
    },
    async (request) => owners.listMeetings(ctx, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/owners-committees/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Record a meeting with its minutes, optionally disclosed to the residents',
        params: idParam,
        body: addMeetingBody,
        response: { 200: z.object(created) },
      },
      preHandler: requirePermission('owners_committee.manage'),
    },
    async (request) => owners.addMeeting(ctx, actorOf(request), request.params.id, request.body),
  );

  // --- disclosures ----------------------------------------------------------------------------

  app.get(
    '/disclosures',
    {
      schema: {
        tags,
        summary: 'The disclosure board (公示)',
        querystring: disclosureListQuery,
        response: { 200: disclosurePage },
      },
      preHandler: requirePermission('disclosures.read'),
    },
    async (request) => owners.listDisclosures(ctx, actorOf(request), request.query),
  );

  app.get(
    '/me/disclosures',
    {
      schema: {
        tags: ['me'],
        summary: 'What is on the disclosure board of my community now',
        querystring: pageQuery,
        response: { 200: disclosurePage },
      },
      preHandler: requirePermission('me.read'),
    },
    async (request) => owners.listDisclosures(ctx, actorOf(request), { ...request.query, current: 'true' }),
  );

  app.get(
    '/disclosures/:id',
    {
      schema: { tags, summary: 'One disclosure', params: idParam, response: { 200: disclosureView } },
      preHandler: requirePermission('disclosures.read'),
    },
    async (request) => owners.getDisclosure(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/disclosures',
    {
      schema: {
        tags,
        summary: 'Publish a notice on the disclosure board',
        body: publishDisclosureBody,
        response: { 200: disclosureView },
      },
      preHandler: requirePermission('disclosures.publish'),
    },
    async (request) => owners.publishByStaff(ctx, actorOf(request), request.body),
  );

  // --- five-in-one, liaison, training ----------------------------------------------------------

  app.get(
    '/five-in-one/meetings',
    {
      schema: {
        tags,
        summary: 'Five-in-one meetings (五位一体) with issues and follow-ups',
        querystring: fiveInOneListQuery,
        response: { 200: fiveInOneMeetingPage },
      },
      preHandler: requirePermission('five_in_one.read'),
    },
    async (request) => owners.listFiveInOne(ctx, actorOf(request), request.query),
  );

  app.get(
    '/five-in-one/meetings/:id',
    {
      schema: {
        tags,
        summary: 'One five-in-one meeting',
        params: idParam,
        response: { 200: fiveInOneMeeting },
      },
      preHandler: requirePermission('five_in_one.read'),
    },
    async (request) => owners.getFiveInOne(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/five-in-one/meetings',
    {
      schema: {
        tags,
        summary: 'Record a five-in-one meeting and the issues it assigned',
        body: addFiveInOneMeetingBody,
        response: { 200: fiveInOneMeeting },
      },
      preHandler: requirePermission('five_in_one.manage'),
    },
    async (request) => owners.addFiveInOne(ctx, actorOf(request), request.body),
  );

  app.get(
    '/five-in-one/issues',
    {
      schema: {
        tags,
        summary: 'Issues from five-in-one meetings, open and overdue first to follow',
        querystring: issueListQuery,
        response: { 200: issuePage },
      },
      preHandler: requirePermission('five_in_one.read'),
    },
    async (request) => owners.listIssues(ctx, actorOf(request), request.query),
  );

  app.post(
    '/five-in-one/issues/:id/follow-ups',
    {
      schema: {
        tags,
        summary: 'Follow up an issue, optionally resolving it',
        params: idParam,
        body: followUpBody,
        response: { 200: fiveInOneMeeting },
      },
      preHandler: requirePermission('five_in_one.manage'),
    },
    async (request) => owners.addFollowUp(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/liaison-events',
    {
      schema: {
        tags,
        summary: "Owners' committee liaison events (联谊会)",
        querystring: liaisonListQuery,
        response: { 200: liaisonPage },
      },
      preHandler: requirePermission('liaison.read'),
    },
    async (request) => owners.listLiaison(ctx, actorOf(request), request.query),
  );

  app.post(
    '/liaison-events',
    {
      schema: {
        tags,
        summary: 'Record a liaison event of a street',
        body: addLiaisonBody,
        response: { 200: liaisonEvent },
      },
      preHandler: requirePermission('liaison.manage'),
    },
    async (request) => owners.addLiaison(ctx, actorOf(request), request.body),
  );

  app.get(
    '/trainings',
    {
      schema: {
        tags,
        summary: 'Training records of the four groups',
        querystring: trainingListQuery,
        response: { 200: trainingPage },
      },
      preHandler: requirePermission('training.read'),
    },
    async (request) => owners.listTraining(ctx, actorOf(request), request.query),
  );

  app.get(
    '/trainings/summary',
    {
      schema: {
        tags,
        summary: 'Training hours per group in a year',
        querystring: trainingSummaryQuery,
        response: { 200: trainingSummary },
      },
      preHandler: requirePermission('training.read'),
    },
    async (request) => owners.trainingSummary(ctx, actorOf(request), request.query),
  );

  app.post(
    '/trainings',
    {
      schema: {
        tags,
        summary: 'Record a training session',
        body: addTrainingBody,
        response: { 200: trainingRecord },
      },
      preHandler: requirePermission('training.manage'),
    },
    async (request) => owners.addTraining(ctx, actorOf(request), request.body),
  );
};

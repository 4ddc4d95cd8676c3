import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common';
import {
  communityExportQuery,
  communityListQuery,
  communityPage,
  communityPatch,
  communityProfile,
  communityStats,
  communityStatsQuery,
  departmentView,
  gridDetail,
  gridList,
  gridListQuery,
  organizationListQuery,
  organizationView,
  placeMap,
  placeTree,
} from '../../../contracts/org';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import { presentCommunitySummary } from './org.presenter';
import * as org from './org.usecases';

const tags = ['org'];

export const orgRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/places',
    {
      schema: {
        tags,
        summary: 'The district, its streets and committees the caller can see',
        response: { 200: placeTree },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.placeTree(ctx, actorOf(request)),
  );

  app.get(
    '/departments',
    {
      schema: {
        tags,
        summary: 'Functional departments and street offices of the district',
        response: { 200: z.array(departmentView) },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.listDepartments(ctx, actorOf(request)),
  );

  app.get(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'Property companies, enterprise groups, developers and other organisations',
        querystring: organizationListQuery,
        response: { 200: z.array(organizationView) },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.listOrganizations(ctx, request.query.kind),
  );

  app.get(
    '/places/map',
    {
      schema: {
        tags,
        summary: 'GeoJSON of the caller’s streets and community points',
        response: { 200: placeMap },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.placeMap(ctx, actorOf(request)),
  );

  app.get(
    '/grids',
    {
      schema: {
        tags,
        summary: 'Grids (网格) of the caller’s places, with their communities counted',
        querystring: gridListQuery,
        response: { 200: gridList },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.listGrids(ctx, actorOf(request), request.query),
  );

  app.get(
    '/grids/:id',
    {
      schema: {
        tags,
        summary: 'One grid: its outline and the caller’s communities in it',
        params: idParam,
        response: { 200: gridDetail },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.getGrid(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/communities/stats',
    {
      schema: {
        tags,
        summary: 'Counts of the caller’s communities by housing type, management mode and street',
        querystring: communityStatsQuery,
        response: { 200: communityStats },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.communityStats(ctx, actorOf(request), request.query.streetId),
  );

  app.get(
    '/communities',
    {
      schema: {
        tags,
        summary: 'Community register (小区), filtered and keyset-paginated',
        description: '`total` is counted on the first page only (-1 on later pages).',
        querystring: communityListQuery,
        response: { 200: communityPage },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.listCommunities(ctx, actorOf(request), request.query),
  );

  app.get(
    '/communities/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The filtered community register as an Excel workbook',
        querystring: communityExportQuery,
      },
      preHandler: requirePermission('org.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const rows = (async function* () {
        for await (const row of org.iterateCommunities(ctx.db, actor, request.query))
          yield presentCommunitySummary(row);
      })();
      return sendExcel(reply, {
        filename: `${t('org:export.filename')}.xlsx`,
        sheet: t('org:export.sheet'),
        rows,
        columns: [
          { header: t('org:field.code'), value: (r) => r.code, width: 14 },
          { header: t('org:field.name'), value: (r) => r.name, width: 24 },
          { header: t('org:field.street'), value: (r) => r.street.name, width: 14 },
          { header: t('org:field.committee'), value: (r) => r.committee?.name ?? '', width: 18 },
          { header: t('org:field.address'), value: (r) => r.address, width: 28 },
          {
            header: t('org:field.housingType'),
            value: (r) => t(`org:housingType.${r.housingType}`),
            width: 14,
          },
          {
            header: t('org:field.managementMode'),
            value: (r) => t(`org:managementMode.${r.managementMode}`),
            width: 12,
          },
          { header: t('org:field.buildYear'), value: (r) => r.buildYear, width: 10 },
          { header: t('org:field.households'), value: (r) => r.households, width: 10 },
          { header: t('org:field.floorAreaM2'), value: (r) => Number(r.floorArea), width: 14 },
          { header: t('org:field.propertyCompany'), value: (r) => r.propertyCompany?.name ?? '', width: 24 },
          {
            header: t('org:field.isMixedUse'),
            value: (r) => (r.isMixedUse ? t('common:yes') : t('common:no')),
            width: 10,
          },
          {
            header: t('org:field.isOldHousing'),
            value: (r) => (r.isOldHousing ? t('common:yes') : t('common:no')),
            width: 10,
          },
        ],
      });
    },
  );

  app.get(
    '/communities/:id',
    {
      schema: {
        tags,
        summary: 'Community profile (一小区一档)',
        params: idParam,
        response: { 200: communityProfile },
      },
      preHandler: requirePermission('org.read'),
    },
    async (request) => org.getCommunityProfile(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/communities/:id',
    {
      schema: {
        tags,
        summary: 'Edit a community (optimistic: send the version you read)',
        params: idParam,
        body: communityPatch,
        response: { 200: communityProfile },
      },
      preHandler: requirePermission('org.manage'),
    },
    async (request) => {
      const actor = actorOf(request);
      await org.updateCommunity(ctx, actor, request.params.id, request.body);
      return org.getCommunityProfile(ctx, actor, request.params.id);
    },
  );
};

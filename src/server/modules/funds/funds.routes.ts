import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common';
import {
  accountStatement,
  addFeeBudgetBody,
  addFeeItemBody,
  alertListQuery,
  alertPage,
  backfillBody,
  budgetParam,
  campaignDetail,
  campaignListQuery,
  campaignPage,
  createCampaignBody,
  createFeeContractBody,
  createFundUseBody,
  discloseStatementBody,
  entryDetail,
  entryListQuery,
  entryPage,
  feeContractDetail,
  feeContractExportQuery,
  feeContractListQuery,
  feeContractPage,
  feeItemListQuery,
  feeItemPage,
  feeStandardList,
  fundCommunityDetail,
  fundCommunityExportQuery,
  fundCommunityListQuery,
  fundCommunityPage,
  fundHistoryView,
  fundSetupBody,
  fundUnitExportQuery,
  fundUnitListQuery,
  fundUnitPage,
  fundUseDetail,
  fundUseExportQuery,
  fundUseListQuery,
  fundUsePage,
  fundUseTransitionBody,
  gradeParam,
  householdExportQuery,
  householdListQuery,
  householdPage,
  initialDepositBody,
  interestBody,
  mergeBody,
  myFundView,
  paymentBody,
  postingResult,
  putFeeStandardBody,
  sharePage,
  startFundUseVoteBody,
  statementQuery,
  trancheBody,
  withdrawalBody,
} from '../../../contracts/funds';
import { communityParam } from '../../../contracts/owners';
import type { AppContext } from '../../context';
import { actorOf, requirePermission } from '../../platform/access';
import { sendExcel } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import * as fees from './fees.usecases';
import * as uses from './fund-use.usecases';
import * as funds from './funds.usecases';

const tags = ['funds'];
const yuan = (fen: number) => fen / 100;

export const fundsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // --- the ledger -----------------------------------------------------------------------------

  app.get(
    '/funds/communities',
    {
      schema: {
        tags,
        summary: 'Maintenance fund per community: balance, first deposit, depletion, developer share',
        querystring: fundCommunityListQuery,
        response: { 200: fundCommunityPage },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.listCommunityFunds(ctx, actorOf(request), request.query),
  );

  app.get(
    '/funds/communities/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Fund per community as an Excel workbook',
        querystring: fundCommunityExportQuery,
      },
      preHandler: requirePermission('funds.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('funds:export.communitiesFilename')}.xlsx`,
        sheet: t('funds:export.communitiesSheet'),
        rows: funds.iterateCommunityFunds(ctx, actor, { ...q, limit: 200 }),
        columns: [
          { header: t('funds:field.street'), value: (r) => r.street.name, width: 14 },
          { header: t('funds:field.community'), value: (r) => r.community.name, width: 22 },
          { header: t('funds:field.scheme'), value: (r) => t(`funds:scheme.${r.scheme}`), width: 12 },
          { header: t('funds:field.balanceYuan'), value: (r) => yuan(r.balanceFen), width: 16 },
          { header: t('funds:field.firstDepositYuan'), value: (r) => yuan(r.firstDepositFen), width: 16 },
          { header: t('funds:field.balancePercent'), value: (r) => `${r.balancePercent}%`, width: 12 },
          {
            header: t('funds:field.depleted'),
            value: (r) => (r.depleted ? t('common:yes') : t('common:no')),
            width: 10,
          },
          { header: t('funds:field.depletedUnits'), value: (r) => r.depletedUnits, width: 10 },
          {
            header: t('funds:field.developerShareStatus'),
            value: (r) => t(`funds:developerShare.${r.developerShareStatus}`),
            width: 14,
          },
        ],
      });
    },
  );

  app.get(
    '/funds/communities/:communityId',
    {
      schema: {
        tags,
        summary: 'A community’s fund: balances by type and building, bank balance, alerts, abilities',
        params: communityParam,
        response: { 200: fundCommunityDetail },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.getCommunityFund(ctx, actorOf(request), request.params.communityId),
  );

  app.get(
    '/funds/communities/:communityId/history',
    {
      schema: {
        tags,
        summary: 'The fund balance after each day with movements, with money in and out that day',
        params: communityParam,
        response: { 200: fundHistoryView },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.balanceHistory(ctx, actorOf(request), request.params.communityId),
  );

  app.get(
    '/funds/communities/:communityId/units',
    {
      schema: {
        tags,
        summary: 'Unit accounts (分户账): balance and first deposit per unit',
        params: communityParam,
        querystring: fundUnitListQuery,
        response: { 200: fundUnitPage },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.listUnitFunds(ctx, actorOf(request), request.params.communityId, request.query),
  );

  app.get(
    '/funds/communities/:communityId/units/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Unit accounts as an Excel workbook',
        params: communityParam,
        querystring: fundUnitExportQuery,
      },
      preHandler: requirePermission('funds.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('funds:export.unitsFilename')}.xlsx`,
        sheet: t('funds:export.unitsSheet'),
        rows: funds.iterateUnitFunds(ctx, actor, request.params.communityId, q),
        columns: [
          { header: t('funds:field.building'), value: (r) => r.building.name, width: 10 },
          { header: t('funds:field.unit'), value: (r) => r.number, width: 10 },
          { header: t('funds:field.exclusiveArea'), value: (r) => Number(r.exclusiveArea), width: 12 },
          { header: t('funds:field.balanceYuan'), value: (r) => yuan(r.balanceFen), width: 14 },
          { header: t('funds:field.firstDepositYuan'), value: (r) => yuan(r.firstDepositFen), width: 14 },
          {
            header: t('funds:field.depleted'),
            value: (r) => (r.depleted ? t('common:yes') : t('common:no')),
            width: 10,
          },
        ],
      });
    },
  );

  app.put(
    '/funds/communities/:communityId/setup',
    {
      schema: {
        tags,
        summary: 'Set up a community’s fund: scheme, deposit standard, developer share',
        params: communityParam,
        body: fundSetupBody,
        response: { 200: fundCommunityDetail },
      },
      preHandler: requirePermission('funds.manage'),
    },
    async (request) => funds.setupFund(ctx, actorOf(request), request.params.communityId, request.body),
  );

  const posting = (summary: string) => ({
    tags,
    summary,
    params: communityParam,
    response: { 200: postingResult },
  });

  app.post(
    '/funds/communities/:communityId/deposits',
    {
      schema: { ...posting('First deposits by the standards of SPEC 5.6'), body: initialDepositBody },
      preHandler: requirePermission('funds.manage'),
    },
    async (request) => funds.initialDeposit(ctx, actorOf(request), request.params.communityId, request.body),
  );

  app.post(
    '/funds/communities/:communityId/interest',
    {
      schema: { ...posting('Interest, allocated to the units by exclusive area'), body: interestBody },
      preHandler: requirePermission('funds.manage'),
    },
    async (request) =>
      funds.allocateInterest(ctx, actorOf(request), request.params.communityId, request.body),
  );

  app.post(
    '/funds/communities/:communityId/withdrawals',
    {
      schema: { ...posting('Pay out of one unit’s accounts'), body: withdrawalBody },
      preHandler: requirePermission('funds.manage'),
    },
    async (request) => funds.withdraw(ctx, actorOf(request), request.params.communityId, request.body),
  );

  app.post(
    '/funds/communities/:communityId/developer-backfill',
    {
      schema: { ...posting('The developer share never collected, paid in later (补建)'), body: backfillBody },
      preHandler: requirePermission('funds.manage'),
    },
    async (request) =>
      funds.backfillDeveloperShare(ctx, actorOf(request), request.params.communityId, request.body),
  );

  app.post(
    '/funds/communities/:communityId/merge',
    {
      schema: {
        ...posting('三项并一项: merge the sold public housing funds into one per unit'),
        body: mergeBody,
      },
      preHandler: requirePermission('funds.manage'),
    },
    async (request) =>
      funds.mergePublicFunds(ctx, actorOf(request), request.params.communityId, request.body),
  );

  app.get(
    '/funds/accounts/:id/statement',
    {
      schema: {
        tags,
        summary: 'An account’s lines, newest first, and its balance',
        params: idParam,
        querystring: statementQuery,
        response: { 200: accountStatement },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.accountStatement(ctx, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/funds/entries',
    {
      schema: { tags, summary: 'Journal entries', querystring: entryListQuery, response: { 200: entryPage } },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.listEntries(ctx, actorOf(request), request.query),
  );

  app.get(
    '/funds/entries/:id',
    {
      schema: {
        tags,
        summary: 'A journal entry with its lines',
        params: idParam,
        response: { 200: entryDetail },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.getEntry(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/funds/alerts',
    {
      schema: {
        tags,
        summary: 'Depletion alerts (balance below 30% of the first deposit)',
        querystring: alertListQuery,
        response: { 200: alertPage },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.listAlerts(ctx, actorOf(request), request.query),
  );

  // --- re-collection --------------------------------------------------------------------------

  app.get(
    '/funds/recollections',
    {
      schema: {
        tags,
        summary: 'Re-collection campaigns (续筹) with progress',
        querystring: campaignListQuery,
        response: { 200: campaignPage },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.listCampaigns(ctx, actorOf(request), request.query),
  );

  app.post(
    '/funds/recollections',
    {
      schema: {
        tags,
        summary: 'Start a campaign decided by a passed raise_fund vote; paid within 3 years',
        body: createCampaignBody,
        response: { 200: campaignDetail },
      },
      preHandler: requirePermission('recollection.manage'),
    },
    async (request) => funds.createCampaign(ctx, actorOf(request), request.body),
  );

  app.get(
    '/funds/recollections/:id',
    {
      schema: { tags, summary: 'A campaign', params: idParam, response: { 200: campaignDetail } },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.getCampaign(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/funds/recollections/:id/households',
    {
      schema: {
        tags,
        summary: 'Progress per household against the instalment schedule',
        params: idParam,
        querystring: householdListQuery,
        response: { 200: householdPage },
      },
      preHandler: requirePermission('funds.read'),
    },
    async (request) => funds.listHouseholds(ctx, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/funds/recollections/:id/households/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Household progress as an Excel workbook',
        params: idParam,
        querystring: householdExportQuery,
      },
      preHandler: requirePermission('funds.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      const all = await funds.listHouseholds(ctx, actor, request.params.id, { ...q, limit: 200000 });
      return sendExcel(reply, {
        filename: `${t('funds:export.householdsFilename')}.xlsx`,
        sheet: t('funds:export.householdsSheet'),
        rows: (async function* () {
          yield* all.items;
        })(),
        columns: [
          { header: t('funds:field.building'), value: (r) => r.building.name, width: 10 },
          { header: t('funds:field.unit'), value: (r) => r.number, width: 10 },
          { header: t('funds:field.dueYuan'), value: (r) => yuan(r.dueFen), width: 12 },
          { header: t('funds:field.paidYuan'), value: (r) => yuan(r.paidFen), width: 12 },
          { header: t('funds:field.status'), value: (r) => t(`funds:household.${r.status}`), width: 10 },
          {
            header: t('funds:field.behindSchedule'),
            value: (r) => (r.behindSchedule ? t('common:yes') : t('common:no')),
            width: 10,
          },
        ],
      });
    },
  );

  app.post(
    '/funds/recollections/:id/payments',
    {
      schema: {
        tags,
        summary: 'Record a household’s instalment into the ledger',
        params: idParam,
        body: paymentBody,
        response: { 200: postingResult },
      },
      preHandler: requirePermission('recollection.pay'),
    },
    async (request) => funds.payRecollection(ctx, actorOf(request), request.params.id, request.body),
  );

  // --- fund use -------------------------------------------------------------------------------

  app.get(
    '/fund-uses',
    {
      schema: {
        tags,
        summary: 'Uses of the maintenance fund, normal and emergency',
        querystring: fundUseListQuery,
        response: { 200: fundUsePage },
      },
      preHandler: requirePermission('fund_use.read'),
    },
    async (request) => uses.listFundUses(ctx, actorOf(request), request.query),
  );

  app.get(
    '/fund-uses/export.xlsx',
    {
      schema: { tags, summary: 'Fund uses as an Excel workbook', querystring: fundUseExportQuery },
      preHandler: requirePermission('funds.export'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('funds:export.usesFilename')}.xlsx`,
        sheet: t('funds:export.usesSheet'),
        rows: uses.iterateFundUses(ctx, actor, q),
        columns: [
          { header: t('funds:field.community'), value: (r) => r.community.name, width: 20 },
          { header: t('funds:field.title'), value: (r) => r.title, width: 30 },
          { header: t('funds:field.path'), value: (r) => t(`funds:path.${r.path}`), width: 10 },
          { header: t('funds:field.status'), value: (r) => t(`funds:useStatus.${r.status}`), width: 14 },
          { header: t('funds:field.budgetYuan'), value: (r) => yuan(r.budgetFen), width: 14 },
          {
            header: t('funds:field.approvedYuan'),
            value: (r) => (r.approvedFen === null ? null : yuan(r.approvedFen)),
            width: 14,
          },
          { header: t('funds:field.disbursedYuan'), value: (r) => yuan(r.disbursedFen), width: 14 },
        ],
      });
    },
  );

  app.post(
    '/fund-uses',
    {
      schema: {
        tags,
        summary: 'Plan a fund use (normal path) or an emergency repair',
        body: createFundUseBody,
        response: { 200: fundUseDetail },
      },
      preHandler: requirePermission('fund_use.request'),
    },
    async (request) => uses.createFundUse(ctx, actorOf(request), request.body),
  );

  app.get(
    '/fund-uses/:id',
    {
      schema: {
        tags,
        summary: 'A fund use: timeline, tranches, the actions the caller may take',
        params: idParam,
        response: { 200: fundUseDetail },
      },
      preHandler: requirePermission('fund_use.read'),
    },
    async (request) => uses.getFundUse(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/fund-uses/:id/shares',
    {
      schema: {
        tags,
        summary: 'Each unit’s share by exclusive area, planned and charged',
        params: idParam,
        querystring: statementQuery,
        response: { 200: sharePage },
      },
      preHandler: requirePermission('fund_use.read'),
    },
    async (request) => uses.listShares(ctx, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/fund-uses/:id/vote',
    {
      schema: {
        tags,
        summary: 'Put the plan to the owners: opens a use_fund vote',
        params: idParam,
        body: startFundUseVoteBody,
        response: { 200: fundUseDetail },
      },
      preHandler: requirePermission('fund_use.request'),
    },
    async (request) => uses.startVote(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/fund-uses/:id/transitions',
    {
      schema: {
        tags,
        summary: 'confirm, submit, approve, reject, accept, disclose or cancel',
        params: idParam,
        body: fundUseTransitionBody,
        response: { 200: fundUseDetail },
      },
      preHandler: requirePermission('fund_use.read'),
    },
    async (request) => uses.transition(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/fund-uses/:id/tranches',
    {
      schema: {
        tags,
        summary: 'Pay a tranche: apportioned to the units by area and taken from their accounts',
        params: idParam,
        body: trancheBody,
        response: { 200: fundUseDetail },
      },
      preHandler: requirePermission('fund_use.review'),
    },
    async (request) => uses.payTranche(ctx, actorOf(request), request.params.id, request.body),
  );

  // --- property fees --------------------------------------------------------------------------

  app.get(
    '/fees/standards',
    {
      schema: {
        tags: ['fees'],
        summary: 'Guidance prices per service grade (一级 … 五级)',
        response: { 200: feeStandardList },
      },
      preHandler: requirePermission('fees.read'),
    },
    async (request) => fees.listStandards(ctx, actorOf(request)),
  );

  app.put(
    '/fees/standards/:grade',
    {
      schema: {
        tags: ['fees'],
        summary: 'Set a grade’s guidance price',
        params: gradeParam,
        body: putFeeStandardBody,
        response: { 200: feeStandardList },
      },
      preHandler: requirePermission('fees.standards'),
    },
    async (request) => fees.putStandard(ctx, actorOf(request), request.params.grade, request.body),
  );

  app.get(
    '/fees/contracts',
    {
      schema: {
        tags: ['fees'],
        summary: 'Property service contracts: grade, price, fee model',
        querystring: feeContractListQuery,
        response: { 200: feeContractPage },
      },
      preHandler: requirePermission('fees.read'),
    },
    async (request) => fees.listContracts(ctx, actorOf(request), request.query),
  );

  app.get(
    '/fees/contracts/export.xlsx',
    {
      schema: {
        tags: ['fees'],
        summary: 'Contracts as an Excel workbook',
        querystring: feeContractExportQuery,
      },
      preHandler: requirePermission('fees.read'),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = translator(request.query.lang ?? request.lang);
      const { lang: _lang, ...q } = request.query;
      return sendExcel(reply, {
        filename: `${t('funds:export.contractsFilename')}.xlsx`,
        sheet: t('funds:export.contractsSheet'),
        rows: fees.iterateContracts(ctx, actor, q),
        columns: [
          { header: t('funds:field.community'), value: (r) => r.community.name, width: 20 },
          { header: t('funds:field.propertyCompany'), value: (r) => r.propertyCompany.name, width: 26 },
          { header: t('funds:field.grade'), value: (r) => t(`funds:grade.${r.grade}`), width: 8 },
          { header: t('funds:field.priceYuan'), value: (r) => yuan(r.priceFen), width: 12 },
          { header: t('funds:field.model'), value: (r) => t(`funds:model.${r.model}`), width: 10 },
          { header: t('funds:field.startOn'), value: (r) => r.startOn, width: 12 },
          { header: t('funds:field.endOn'), value: (r) => r.endOn, width: 12 },
          {
            header: t('funds:field.withinGuidance'),
            value: (r) =>
              r.withinGuidance === null ? '' : r.withinGuidance ? t('common:yes') : t('common:no'),
            width: 10,
          },
        ],
      });
    },
  );

  app.post(
    '/fees/contracts',
    {
      schema: {
        tags: ['fees'],
        summary: 'Record a community’s contract (the previous one ends)',
        body: createFeeContractBody,
        response: { 200: feeContractDetail },
      },
      preHandler: requirePermission('fees.contracts'),
    },
    async (request) => fees.createContract(ctx, actorOf(request), request.body),
  );

  app.get(
    '/fees/contracts/:id',
    {
      schema: {
        tags: ['fees'],
        summary: 'A contract with its half-year statements and budgets',
        params: idParam,
        response: { 200: feeContractDetail },
      },
      preHandler: requirePermission('fees.read'),
    },
    async (request) => fees.getContract(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/fees/contracts/:id/items',
    {
      schema: {
        tags: ['fees'],
        summary: 'The owners’ income and spending (commission model)',
        params: idParam,
        querystring: feeItemListQuery,
        response: { 200: feeItemPage },
      },
      preHandler: requirePermission('fees.read'),
    },
    async (request) => fees.listItems(ctx, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/fees/contracts/:id/items',
    {
      schema: {
        tags: ['fees'],
        summary: 'Record income or spending (major repairs only from the maintenance fund)',
        params: idParam,
        body: addFeeItemBody,
        response: { 200: feeContractDetail },
      },
      preHandler: requirePermission('fees.accounts'),
    },
    async (request) => fees.addItem(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/fees/contracts/:id/budgets',
    {
      schema: {
        tags: ['fees'],
        summary: 'A yearly budget or final accounts',
        params: idParam,
        body: addFeeBudgetBody,
        response: { 200: feeContractDetail },
      },
      preHandler: requirePermission('fees.accounts'),
    },
    async (request) => fees.addBudget(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/fees/contracts/:id/budgets/:budgetId/approve',
    {
      schema: {
        tags: ['fees'],
        summary: 'Approve and disclose a budget or final accounts',
        params: budgetParam,
        response: { 200: feeContractDetail },
      },
      preHandler: requirePermission('fees.contracts'),
    },
    async (request) => fees.approveBudget(ctx, actorOf(request), request.params.id, request.params.budgetId),
  );

  app.post(
    '/fees/contracts/:id/disclosures',
    {
      schema: {
        tags: ['fees'],
        summary: 'Disclose a finished half-year’s income and spending',
        params: idParam,
        body: discloseStatementBody,
        response: { 200: feeContractDetail },
      },
      preHandler: requirePermission('fees.accounts'),
    },
    async (request) => fees.discloseStatement(ctx, actorOf(request), request.params.id, request.body.period),
  );

  // --- the resident's own ---------------------------------------------------------------------

  app.get(
    '/me/fund',
    {
      schema: {
        tags: ['me'],
        summary: 'My units’ fund balance and share of each fund use',
        response: { 200: myFundView },
      },
      preHandler: requirePermission('me.read'),
    },
    async (request) => funds.myFund(ctx, actorOf(request)),
  );
};

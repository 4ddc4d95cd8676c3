import type { PlanPhase } from '../../../contracts/plan';

/** The work phases of seed 四 with their dates (上半年 = Jan–Jun, 下半年 = Jul–Dec). */
export const phaseSeeds: { code: PlanPhase; startsOn: string; endsOn: string }[] = [
  { code: 'launch', startsOn: '2015-01-01', endsOn: '2015-06-30' }, // 工作启动阶段（2015年上半年）
  { code: 'implementation', startsOn: '2015-07-01', endsOn: '2017-06-30' }, // 全面实施阶段
  { code: 'evaluation', startsOn: '2017-07-01', endsOn: '2017-12-31' }, // 总结评估阶段（2017年下半年）
];

/**
 * A responsible unit as the plan names it: a district department by its code (the demo's
 * `huangpu.ts` codes: HB 房管局, JJW 建设交通委 ...), `streets` for 各街道 (one unit per street),
 * or an enterprise group by its short name (永业集团, 南房集团, 黄浦置地).
 */
export type UnitSeed = { dept: string } | { streets: true } | { group: string };

export interface TaskSeed {
  code: string;
  clause: string;
  phase: PlanPhase;
  title: string;
  titleEn: string;
  lead: UnitSeed[];
  co: UnitSeed[];
}

const d = (dept: string): UnitSeed => ({ dept });
const streets: UnitSeed = { streets: true };
const groups: UnitSeed[] = [{ group: '永业集团' }, { group: '南房集团' }, { group: '黄浦置地' }];

/**
 * Every clause of the seed as a task. Where the seed names the units (二(四)1 建设交通委牵头,
 * 二(四)3 建设交通委、房管局, 三(一) 房管局、建设交通委牵头, 二(一)4 企业集团, 二(三)6 区级调解委员会 and
 * 街道司法所, 二(二)3 街道属地管理 with 城管、派出所、房管办, 二(三)1–5 居委会/各街道) they are taken from it;
 * otherwise the department whose field the clause is leads (消防 for fire safety, 绿化市容 for greening,
 * 民政 for social organisations, 财政 for special funds) and the housing bureau, which leads the plan
 * (三(一)), co-operates.
 */
export const taskSeeds: TaskSeed[] = [
  {
    code: '4.1-opinion',
    clause: '四(一)',
    phase: 'launch',
    title: '拟定黄浦区贯彻落实《上海市加强住宅小区综合治理三年行动计划》的实施意见',
    titleEn: "Draft Huangpu's implementation opinion on the city's three-year action plan",
    lead: [d('HB')],
    co: [d('JJW')],
  },
  {
    code: '3.2-duty-list',
    clause: '三(二)',
    phase: 'launch',
    title: '理顺工作职责，会同相关职能部门拟定住宅小区综合管理责任清单',
    titleEn: 'Clarify duties and draw up the responsibility list with the functional departments',
    lead: [d('HB')],
    co: [d('ZZB'), d('CG'), d('GA'), d('XF'), d('SJ'), d('LH')],
  },
  {
    code: '4.1-publicity',
    clause: '四(一)',
    phase: 'launch',
    title: '做好宣传引导工作，加强各层面培训，扩大知晓率',
    titleEn: 'Publicise the plan and train every level to raise awareness',
    lead: [d('HB')],
    co: [streets],
  },
  {
    code: '2.1.1-old-housing',
    clause: '二(一)1',
    phase: 'implementation',
    title: '健全老旧住房安全隐患滚动排查、快速响应工作机制',
    titleEn: 'Rolling inspection and quick response for safety hazards in old housing',
    lead: [d('HB')],
    co: [streets],
  },
  {
    code: '2.1.1-emergency-centre',
    clause: '二(一)1',
    phase: 'implementation',
    title: '推动区应急中心建设，落实查抢分离，实现查抢险对老旧住宅全覆盖',
    titleEn: 'Build the district emergency centre; separate inspection from repair; cover all old housing',
    lead: [d('HB')],
    co: [d('CZ')],
  },
  {
    code: '2.1.1-new-build',
    clause: '二(一)1',
    phase: 'implementation',
    title: '加强新建住宅小区房屋质量监管，建立保修节点质量评定制度',
    titleEn: 'Supervise the quality of new housing; assess quality at warranty milestones',
    lead: [d('JJW')],
    co: [d('HB')],
  },
  {
    code: '2.1.2-fire',
    clause: '二(一)2',
    phase: 'implementation',
    title: '提升消防安全能级：推进消防设施改造，监管消防车道、疏散通道和地下空间，快速整改隐患',
    titleEn: 'Raise fire safety: renew facilities, watch fire lanes, exits and basements, fix hazards fast',
    lead: [d('XF')],
    co: [d('HB'), streets],
  },
  {
    code: '2.1.3-equipment',
    clause: '二(一)3',
    phase: 'implementation',
    title: '保障水泵、电梯、电力、供水等设备设施安全运行',
    titleEn: 'Keep pumps, elevators, power and water supply equipment running safely',
    lead: [d('HB')],
    co: [d('SJ'), d('JJW')],
  },
  {
    code: '2.1.4-expo',
    clause: '二(一)4',
    phase: 'implementation',
    title: '加强迎世博600天项目后续管理，与962121物业服务平台衔接，实现报修一口受理',
    titleEn: 'Follow up the Expo-600-days projects; one-window repair intake with the 962121 platform',
    lead: [d('HB')],
    co: groups,
  },
  {
    code: '2.2.1-old-communities',
    clause: '二(二)1',
    phase: 'implementation',
    title: '建立全区统一的老旧小区物业综合管理工作制度，实行统一考核',
    titleEn: 'One management regime for old communities, with unified assessment',
    lead: [d('HB')],
    co: [d('CZ'), streets, ...groups],
  },
  {
    code: '2.2.2-projects',
    clause: '二(二)2',
    phase: 'implementation',
    title: '扎实推进民生实事工程，推行“政府实事项目菜单”',
    titleEn: 'Carry out the practical projects; a menu of government projects residents choose from',
    lead: [d('HB')],
    co: [d('JJW'), d('FGW')],
  },
  {
    code: '2.2.3-violations',
    clause: '二(二)3',
    phase: 'implementation',
    title: '加大顽症治理力度，健全发现、报告、劝阻、处置、固守工作制度，建立综合执法模式',
    titleEn: 'Tackle chronic violations through the five stages and joint enforcement',
    lead: [d('CG')],
    co: [d('GA'), d('HB'), d('GH'), streets],
  },
  {
    code: '2.2.4-greening',
    clause: '二(二)4',
    phase: 'implementation',
    title: '加大住宅小区绿化建设力度，推行垃圾分类，完善建筑垃圾清运流程',
    titleEn: 'More greening, waste sorting and timely clearance of construction waste',
    lead: [d('LH')],
    co: [d('HB')],
  },
  {
    code: '2.3.1-committees',
    clause: '二(三)1',
    phase: 'implementation',
    title: '充分发挥居委会在业主自治管理中的作用，推进交叉任职试点',
    titleEn: "Residents' committees guide owners' committees; pilot cross-appointment",
    lead: [streets],
    co: [d('MZ'), d('HB')],
  },
  {
    code: '2.3.2-five-in-one',
    clause: '二(三)2',
    phase: 'implementation',
    title: '不断完善基层“五位一体”工作模式，提升业委会运作规范率',
    titleEn: 'Improve the five-in-one working model and the compliance of owners’ committees',
    lead: [streets],
    co: [d('HB')],
  },
  {
    code: '2.3.3-training',
    clause: '二(三)3',
    phase: 'implementation',
    title: '强化培训与考核：居委、房管办、业委会、物业企业四个层面专业培训',
    titleEn: 'Training for committees, housing offices, owners’ committees and property companies',
    lead: [d('HB')],
    co: [d('MZ'), streets],
  },
  {
    code: '2.3.4-owners-committees',
    clause: '二(三)4',
    phase: 'implementation',
    title: '规范业主委员会日常运作，引导建立八项制度',
    titleEn: "Regular operation of owners' committees under the eight systems",
    lead: [d('HB')],
    co: [streets],
  },
  {
    code: '2.3.5-liaison',
    clause: '二(三)5',
    phase: 'implementation',
    title: '搭建业主委员会沟通平台，推广业委会联谊会制度',
    titleEn: "A liaison platform for owners' committees",
    lead: [streets],
    co: [d('HB')],
  },
  {
    code: '2.3.6-mediation',
    clause: '二(三)6',
    phase: 'implementation',
    title: '引入人民调解制度，建立区及街道社区两级调解网络',
    titleEn: "People's mediation in property disputes at district and street level",
    lead: [d('SF')],
    co: [d('HB'), streets],
  },
  {
    code: '2.3.7-intermediaries',
    clause: '二(三)7',
    phase: 'implementation',
    title: '培育专业社会中介组织，通过政府购买服务参与小区事务',
    titleEn: 'Social intermediary organisations through government purchase of services',
    lead: [d('MZ')],
    co: [d('HB'), d('CZ')],
  },
  {
    code: '2.4.1-water',
    clause: '二(四)1',
    phase: 'implementation',
    title: '二次供水改造，逐步实现供水企业管水到表',
    titleEn: 'Renew secondary water supply so the water company manages up to the meter',
    lead: [d('JJW')],
    co: [d('HB')],
  },
  {
    code: '2.4.2-waterlogging',
    clause: '二(四)2',
    phase: 'implementation',
    title: '住宅小区周边积水点改造',
    titleEn: 'Fix waterlogging points around residential communities',
    lead: [d('JJW')],
    co: [d('HB')],
  },
  {
    code: '2.4.3-power',
    clause: '二(四)3',
    phase: 'implementation',
    title: '结合“光明工程”推进老旧居民住宅小区供电设施改造',
    titleEn: 'Renew power facilities of old communities with the Bright Project',
    lead: [d('JJW')],
    co: [d('HB')],
  },
  {
    code: '2.4.4-elevators',
    clause: '二(四)4',
    phase: 'implementation',
    title: '推动住宅小区老旧电梯安全风险评估和更新改造',
    titleEn: 'Risk assessment and renewal of old elevators (in use over 15 years)',
    lead: [d('HB')],
    co: [d('SJ'), d('CZ')],
  },
  {
    code: '2.5.1-fees',
    clause: '二(五)1',
    phase: 'implementation',
    title: '规范物业价格形成机制，制定物业收费指导价格，促进收费公开',
    titleEn: 'Property fee guidance prices and fee disclosure',
    lead: [d('HB')],
    co: [d('FGW')],
  },
  {
    code: '2.5.2-commission',
    clause: '二(五)2',
    phase: 'implementation',
    title: '探索酬金制物业服务计费模式',
    titleEn: 'Pilot the commission-based property fee model',
    lead: [d('HB')],
    co: [],
  },
  {
    code: '2.6-recollection',
    clause: '二(六)',
    phase: 'implementation',
    title: '维修资金续筹：补建首次未筹集的开发企业部分，引导用枯小区续筹',
    titleEn: 'Maintenance fund: collect missing developer shares and re-collect depleted funds',
    lead: [d('HB')],
    co: [d('CZ')],
  },
  {
    code: '2.6-public-housing-funds',
    clause: '二(六)',
    phase: 'implementation',
    title: '解决售后公房小区维修资金问题，推进“三项并一项”和二次归集',
    titleEn: 'Merge the sold-public-housing funds and set up their second collection',
    lead: [d('HB')],
    co: [d('CZ'), ...groups],
  },
  {
    code: '3.1-mechanism',
    clause: '三(一)',
    phase: 'implementation',
    title: '建立区级—街道—居委三级工作推进机制，每季度召开工作例会',
    titleEn: 'A three-level working mechanism with quarterly meetings of the district group',
    lead: [d('HB'), d('JJW')],
    co: [d('ZZB'), streets],
  },
  {
    code: '3.3-grid',
    clause: '三(三)',
    phase: 'implementation',
    title: '构建小区管理网络，将网格管理延伸至住宅小区',
    titleEn: 'Extend grid management into the residential communities',
    lead: [d('ZZB')],
    co: [d('HB'), streets],
  },
  {
    code: '3.4-assessment',
    clause: '三(四)',
    phase: 'implementation',
    title: '完善考核督办制度，形成区级—街道—社区三级考核督查机制',
    titleEn: 'Assessment and supervision at three levels',
    lead: [d('HB')],
    co: [d('ZZB')],
  },
  {
    code: '3.5-special-funds',
    clause: '三(五)',
    phase: 'implementation',
    title: '设立专项资金，保障工作顺利推进',
    titleEn: 'Special funds for the plan',
    lead: [d('CZ')],
    co: [d('HB'), d('FGW')],
  },
  {
    code: '4.3-evaluation',
    clause: '四(三)',
    phase: 'evaluation',
    title: '全面总结本轮三年行动计划实施情况，验收各项既定工作任务，考核目标完成情况',
    titleEn: 'Review the three-year plan, accept every task and assess the targets',
    lead: [d('HB')],
    co: [d('JJW')],
  },
];

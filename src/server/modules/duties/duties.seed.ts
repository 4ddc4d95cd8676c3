import type { DiscoveryChannel, DutyRuleInput, StageLimits, UnitSpec } from '../../../contracts/duties';

/**
 * The seeded responsibility list: every problem type of the seed plan (二(一)–二(四)) as a
 * category with a stable code, and one routing rule per category (plus housing-type variants
 * where the responsible unit differs). Written on first use of a database; district_admin edits it.
 */
export interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
  enforcement?: boolean;
  children?: CategorySeed[];
}

export const categorySeeds: CategorySeed[] = [
  {
    code: 'housing_safety',
    name: '房屋安全',
    nameEn: 'Housing safety',
    children: [
      { code: 'housing_safety.structural_hazard', name: '房屋结构隐患', nameEn: 'Structural hazard' },
      { code: 'housing_safety.external_wall', name: '外墙安全', nameEn: 'External wall' },
      { code: 'housing_safety.old_housing_danger', name: '旧住房险情', nameEn: 'Old-housing danger' },
    ],
  },
  {
    code: 'fire_safety',
    name: '消防安全',
    nameEn: 'Fire safety',
    children: [
      { code: 'fire_safety.blocked_fire_lane', name: '消防车通道堵塞', nameEn: 'Blocked fire lane' },
      { code: 'fire_safety.blocked_evacuation', name: '疏散通道堵塞', nameEn: 'Blocked evacuation route' },
      { code: 'fire_safety.facility_failure', name: '消防设施损坏', nameEn: 'Failed fire facility' },
      {
        code: 'fire_safety.underground_misuse',
        name: '地下空间违规使用',
        nameEn: 'Underground space misuse',
      },
    ],
  },
  {
    code: 'equipment',
    name: '设施设备',
    nameEn: 'Equipment',
    children: [
      { code: 'equipment.elevator_fault', name: '电梯故障', nameEn: 'Elevator fault' },
      { code: 'equipment.elevator_trapped', name: '电梯困人', nameEn: 'Passengers trapped in elevator' },
      { code: 'equipment.water_pump', name: '水泵故障', nameEn: 'Water pump' },
      { code: 'equipment.secondary_water_supply', name: '二次供水', nameEn: 'Secondary water supply' },
      { code: 'equipment.power', name: '供配电', nameEn: 'Power supply' },
    ],
  },
  {
    code: 'chronic_violation',
    name: '违法违规顽症',
    nameEn: 'Chronic violations',
    enforcement: true,
    children: [
      {
        code: 'chronic_violation.illegal_building',
        name: '违法搭建',
        nameEn: 'Illegal building',
        enforcement: true,
      },
      {
        code: 'chronic_violation.load_bearing_damage',
        name: '破坏承重结构',
        nameEn: 'Damage to load-bearing structure',
        enforcement: true,
      },
      {
        code: 'chronic_violation.change_of_use',
        name: '擅自改变使用性质',
        nameEn: 'Unauthorised change of use',
        enforcement: true,
      },
      { code: 'chronic_violation.group_renting', name: '群租', nameEn: 'Group renting', enforcement: true },
    ],
  },
  {
    code: 'environment',
    name: '环境绿化',
    nameEn: 'Environment',
    children: [
      { code: 'environment.greening_trees', name: '绿化与树木', nameEn: 'Greening and trees' },
      { code: 'environment.construction_waste', name: '建筑垃圾', nameEn: 'Construction waste' },
      { code: 'environment.waste_sorting', name: '垃圾分类', nameEn: 'Waste sorting' },
      { code: 'environment.waterlogging', name: '积水', nameEn: 'Waterlogging' },
    ],
  },
  {
    code: 'property_service',
    name: '物业服务',
    nameEn: 'Property service',
    children: [
      { code: 'property_service.repair', name: '报修', nameEn: 'Repairs' },
      { code: 'property_service.fees', name: '物业收费', nameEn: 'Fees' },
      { code: 'property_service.service_quality', name: '服务质量', nameEn: 'Service quality' },
    ],
  },
  {
    code: 'owners_committee',
    name: '业委会事务',
    nameEn: "Owners' committee matters",
    children: [
      { code: 'owners_committee.operation', name: '业委会运作', nameEn: "Owners' committee operation" },
      {
        code: 'owners_committee.funds',
        name: '公共收益与维修资金',
        nameEn: 'Common income and maintenance fund',
      },
    ],
  },
  {
    code: 'warranty',
    name: '新建住宅质量保修',
    nameEn: 'New-build quality under warranty',
    children: [
      { code: 'warranty.leak', name: '渗漏', nameEn: 'Leaks' },
      {
        code: 'warranty.structure',
        name: '地基基础和主体结构质量问题',
        nameEn: 'Foundation or structure defect',
      },
      { code: 'warranty.defect', name: '其他质量缺陷', nameEn: 'Other quality defects' },
    ],
  },
];

const wd = (amount: number) => ({ unit: 'working_days' as const, amount });
const wh = (amount: number) => ({ unit: 'working_hours' as const, amount });
const ch = (amount: number) => ({ unit: 'clock_hours' as const, amount });
const cm = (amount: number) => ({ unit: 'clock_minutes' as const, amount });

const normal = (handleDays: number): StageLimits => ({
  register: wd(1),
  dispatch: wd(1),
  handle: wd(handleDays),
  verify: wd(2),
});
const urgent: StageLimits = { register: wh(4), dispatch: wh(4), handle: wd(2), verify: wd(1) };
const emergency: StageLimits = { register: cm(15), dispatch: cm(15), handle: ch(4), verify: ch(24) };

const property: UnitSpec = { resolver: 'community_property_company' };
const housingOffice: UnitSpec = { resolver: 'street_housing_office' };
const streetOffice: UnitSpec = { resolver: 'street_office' };
const police: UnitSpec = { resolver: 'street_police_station' };
const committee: UnitSpec = { resolver: 'neighbourhood_committee' };
const ownersCommittee: UnitSpec = { resolver: 'owners_committee' };
const developer: UnitSpec = { resolver: 'developer' };
const emergencyTeam: UnitSpec = { resolver: 'emergency_team' };
const dept = (departmentCode: string): UnitSpec => ({ resolver: 'district_department', departmentCode });

const allChannels: DiscoveryChannel[] = [
  'resident_report',
  'hotline_12345',
  'hotline_962121',
  'grid_patrol',
  'property_inspection',
  'department_inspection',
  'leader_assigned',
  'open311',
  'inspection',
];

interface RuleSeed {
  categoryCode: string;
  housingType?: DutyRuleInput['housingType'];
  lead: UnitSpec;
  coUnits?: UnitSpec[];
  handlingPoints: string;
  operatingPath: string;
  legalBasis: string;
  handleDays?: number;
  defaultUrgency?: DutyRuleInput['defaultUrgency'];
  emergencyLimits?: StageLimits;
  followUpDays?: number;
}

const ruleSeeds: RuleSeed[] = [
  {
    categoryCode: 'housing_safety.structural_hazard',
    lead: housingOffice,
    coUnits: [property],
    handlingPoints: '现场查勘、设置警戒、委托房屋安全检测，按检测结论组织排险或修缮',
    operatingPath: '发现→报告房管办→现场查勘→检测→排险/修缮→核查',
    legalBasis: '《上海市房屋使用安全管理办法》',
    handleDays: 10,
    defaultUrgency: 'urgent',
  },
  {
    categoryCode: 'housing_safety.structural_hazard',
    housingType: 'old_public',
    lead: housingOffice,
    coUnits: [emergencyTeam, property],
    handlingPoints: '老式公房结构隐患：查抢分离，应急队排险，房管办组织修缮',
    operatingPath: '发现→房管办→应急队排险→修缮→核查',
    legalBasis: '《上海市房屋使用安全管理办法》；《上海市公有房屋管理规定》',
    handleDays: 7,
    defaultUrgency: 'urgent',
  },
  {
    categoryCode: 'housing_safety.external_wall',
    lead: property,
    coUnits: [housingOffice],
    handlingPoints: '外墙空鼓、脱落：设置围挡，排除坠落风险，使用维修资金修复',
    operatingPath: '发现→物业围挡→报房管办→维修资金应急使用→修复→核查',
    legalBasis: '《上海市住宅物业管理规定》；《住宅专项维修资金管理办法》',
    handleDays: 7,
    defaultUrgency: 'urgent',
  },
  {
    categoryCode: 'housing_safety.old_housing_danger',
    lead: emergencyTeam,
    coUnits: [housingOffice, property],
    handlingPoints: '区应急中心抢险队现场排险，房管办跟进修缮（查抢分离）',
    operatingPath: '962121→应急中心→抢险队到场→排险→移交修缮→核查',
    legalBasis: '《上海市房屋使用安全管理办法》',
    handleDays: 3,
    defaultUrgency: 'emergency',
  },
  {
    categoryCode: 'fire_safety.blocked_fire_lane',
    lead: property,
    coUnits: [dept('XF')],
    handlingPoints: '劝离占道车辆、清除障碍，拒不改正的移交消防部门',
    operatingPath: '发现→物业劝离→移交消防→清障→核查',
    legalBasis: '《中华人民共和国消防法》第二十八条',
    handleDays: 2,
  },
  {
    categoryCode: 'fire_safety.blocked_evacuation',
    lead: property,
    coUnits: [dept('XF')],
    handlingPoints: '清理楼道堆物、保持疏散通道和安全出口畅通',
    operatingPath: '发现→物业清理→居委会宣传→核查',
    legalBasis: '《中华人民共和国消防法》第二十八条；《上海市消防条例》',
    handleDays: 3,
  },
  {
    categoryCode: 'fire_safety.facility_failure',
    lead: property,
    coUnits: [dept('XF')],
    handlingPoints: '检修消火栓、喷淋、报警系统，需大修的启动维修资金应急使用',
    operatingPath: '发现→物业检修→维修资金→修复→核查完好率',
    legalBasis: '《中华人民共和国消防法》；《上海市住宅物业管理规定》',
    handleDays: 5,
  },
  {
    categoryCode: 'fire_safety.underground_misuse',
    lead: dept('XF'),
    coUnits: [housingOffice, dept('CG')],
    handlingPoints: '清退地下空间违规居住和经营，恢复原用途',
    operatingPath: '发现→消防检查→联合执法→清退→固守',
    legalBasis: '《上海市民防工程建设和使用管理办法》；《中华人民共和国消防法》',
    handleDays: 10,
  },
  {
    categoryCode: 'equipment.elevator_fault',
    lead: property,
    coUnits: [dept('SJ')],
    handlingPoints: '通知维保单位检修，停用期间公告，涉及安全的报市场监管部门',
    operatingPath: '报修→物业→维保单位→修复→核查',
    legalBasis: '《中华人民共和国特种设备安全法》；《上海市电梯安全管理办法》',
    handleDays: 2,
  },
  {
    categoryCode: 'equipment.elevator_trapped',
    lead: property,
    coUnits: [emergencyTeam],
    handlingPoints: '安抚被困人员，维保人员30分钟内到场解救',
    operatingPath: '报警→物业/维保→30分钟到场→解救→检修→核查',
    legalBasis: '《上海市电梯安全管理办法》',
    defaultUrgency: 'emergency',
    emergencyLimits: { register: cm(5), dispatch: cm(5), handle: cm(30), verify: ch(24) },
  },
  {
    categoryCode: 'equipment.water_pump',
    lead: property,
    handlingPoints: '检修水泵，保障供水，需更新的纳入更新计划',
    operatingPath: '报修→物业→检修→核查',
    legalBasis: '《上海市住宅物业管理规定》',
    handleDays: 2,
    defaultUrgency: 'urgent',
  },
  {
    categoryCode: 'equipment.secondary_water_supply',
    lead: property,
    coUnits: [housingOffice],
    handlingPoints: '水箱清洗消毒、水质检测，纳入二次供水改造计划',
    operatingPath: '发现→物业→供水企业→整改→核查',
    legalBasis: '《上海市供水管理条例》',
    handleDays: 5,
  },
  {
    categoryCode: 'equipment.power',
    lead: property,
    coUnits: [dept('JJW')],
    handlingPoints: '排查配电故障，联系供电企业抢修（光明工程）',
    operatingPath: '报修→物业→供电企业→修复→核查',
    legalBasis: '《上海市住宅物业管理规定》',
    handleDays: 2,
    defaultUrgency: 'urgent',
  },
  {
    categoryCode: 'chronic_violation.illegal_building',
    lead: dept('CG'),
    coUnits: [housingOffice, property],
    handlingPoints: '发现、报告、劝阻、处置、固守；拆除违法建筑，对当事人依法处罚',
    operatingPath: '发现→报告→劝阻→立案查处→拆除→30日回访固守',
    legalBasis: '《上海市拆除违法建筑若干规定》；《上海市住宅物业管理规定》',
    handleDays: 15,
    followUpDays: 30,
  },
  {
    categoryCode: 'chronic_violation.load_bearing_damage',
    lead: housingOffice,
    coUnits: [dept('CG'), property],
    handlingPoints: '责令停止施工、恢复原状，委托安全鉴定，依法处罚',
    operatingPath: '发现→报告→劝阻→责令整改→鉴定→恢复→固守',
    legalBasis: '《上海市住宅物业管理规定》第八十七条',
    handleDays: 15,
    followUpDays: 30,
  },
  {
    categoryCode: 'chronic_violation.change_of_use',
    lead: dept('CG'),
    coUnits: [housingOffice, dept('SJ')],
    handlingPoints: '住宅改变为经营用途的责令恢复，依法处罚',
    operatingPath: '发现→报告→劝阻→查处→恢复→固守',
    legalBasis: '《中华人民共和国民法典》第二百七十九条；《上海市住宅物业管理规定》',
    handleDays: 15,
    followUpDays: 30,
  },
  {
    categoryCode: 'chronic_violation.group_renting',
    lead: housingOffice,
    coUnits: [police, dept('CG')],
    handlingPoints: '入户检查房间、人数、面积；拆除隔断，清退超员，处罚出租人、转租人和中介',
    operatingPath: '发现→报告→劝阻→联合整治→处罚→30日回访固守',
    legalBasis: '《上海市居住房屋租赁管理办法》；《关于加强本市住宅小区出租房屋综合管理工作的实施意见》',
    handleDays: 10,
    followUpDays: 30,
  },
  {
    categoryCode: 'environment.greening_trees',
    lead: property,
    coUnits: [dept('LH')],
    handlingPoints: '修剪、补种、清除病虫害；涉及砍伐移植的报绿化部门审批',
    operatingPath: '发现→物业→绿化部门→处置→核查',
    legalBasis: '《上海市绿化条例》',
    handleDays: 5,
  },
  {
    categoryCode: 'environment.construction_waste',
    lead: property,
    coUnits: [dept('LH'), dept('CG')],
    handlingPoints: '装修垃圾定点堆放、限时清运，乱倒的移交执法',
    operatingPath: '发现→物业清运→执法→核查',
    legalBasis: '《上海市建筑垃圾处理管理规定》',
    handleDays: 3,
  },
  {
    categoryCode: 'environment.waste_sorting',
    lead: property,
    coUnits: [committee, dept('LH')],
    handlingPoints: '规范分类投放点，值守指导，混装混运的整改',
    operatingPath: '发现→物业整改→居委会宣传→核查',
    legalBasis: '《上海市生活垃圾管理条例》',
    handleDays: 3,
  },
  {
    categoryCode: 'environment.waterlogging',
    lead: streetOffice,
    coUnits: [property, dept('JJW')],
    handlingPoints: '排水抢险、疏通管道，积水点纳入改造计划',
    operatingPath: '发现→街道→排水抢险→疏通→核查',
    legalBasis: '《上海市排水与污水处理条例》',
    handleDays: 2,
    defaultUrgency: 'urgent',
  },
  {
    categoryCode: 'property_service.repair',
    lead: property,
    handlingPoints: '共用部位、共用设施设备报修，按约定时限维修',
    operatingPath: '报修→物业→维修→回访',
    legalBasis: '《上海市住宅物业管理规定》；物业服务合同',
    handleDays: 3,
  },
  {
    categoryCode: 'property_service.fees',
    lead: housingOffice,
    coUnits: [property],
    handlingPoints: '核查收费标准、公示和收支情况，调解收费纠纷',
    operatingPath: '投诉→房管办→核查→调解/整改→回访',
    legalBasis: '《上海市住宅物业服务收费管理办法》',
    handleDays: 10,
  },
  {
    categoryCode: 'property_service.service_quality',
    lead: housingOffice,
    coUnits: [committee],
    handlingPoints: '对照服务标准检查，责令整改，纳入物业企业考核',
    operatingPath: '投诉→房管办→检查→整改→考核',
    legalBasis: '《上海市住宅物业管理规定》',
    handleDays: 10,
  },
  {
    categoryCode: 'owners_committee.operation',
    lead: committee,
    coUnits: [housingOffice],
    handlingPoints: '居委会指导业委会依法履职，规范会议、公示和档案',
    operatingPath: '反映→居委会指导→房管办监督→整改',
    legalBasis: '《上海市住宅物业管理规定》；《业主大会和业主委员会指导规则》',
    handleDays: 10,
  },
  {
    categoryCode: 'owners_committee.funds',
    lead: housingOffice,
    coUnits: [ownersCommittee],
    handlingPoints: '核查公共收益和维修资金使用、公示情况',
    operatingPath: '反映→房管办核查→业委会说明→公示→整改',
    legalBasis: '《住宅专项维修资金管理办法》；《上海市住宅物业管理规定》',
    handleDays: 10,
  },
  {
    categoryCode: 'warranty.leak',
    lead: developer,
    coUnits: [property],
    handlingPoints: '保修期内屋面、外墙、卫生间渗漏由建设单位维修',
    operatingPath: '报修→物业→建设单位→维修→核查',
    legalBasis: '《建设工程质量管理条例》第四十条',
    handleDays: 10,
  },
  {
    categoryCode: 'warranty.structure',
    lead: developer,
    coUnits: [housingOffice, property],
    handlingPoints: '设计使用年限内地基基础和主体结构质量问题由建设单位负责，必要时委托安全鉴定',
    operatingPath: '发现→房管办查勘→建设单位→鉴定→加固维修→核查',
    legalBasis: '《建设工程质量管理条例》第四十条',
    handleDays: 15,
    defaultUrgency: 'urgent',
  },
  {
    categoryCode: 'warranty.defect',
    lead: developer,
    coUnits: [housingOffice],
    handlingPoints: '保修期内质量缺陷由建设单位维修，逾期的由房管部门督促',
    operatingPath: '投诉→建设单位→维修→房管办核查',
    legalBasis: '《建设工程质量管理条例》第四十条；《商品住宅质量保证书》',
    handleDays: 10,
  },
];

export function ruleSeedInputs(): DutyRuleInput[] {
  return ruleSeeds.map((r) => ({
    categoryCode: r.categoryCode,
    housingType: r.housingType ?? null,
    lead: r.lead,
    coUnits: r.coUnits ?? [],
    channels: allChannels,
    handlingPoints: r.handlingPoints,
    operatingPath: r.operatingPath,
    legalBasis: r.legalBasis,
    defaultUrgency: r.defaultUrgency ?? 'normal',
    limits: { normal: normal(r.handleDays ?? 5), urgent, emergency: r.emergencyLimits ?? emergency },
    followUpDays: r.followUpDays ?? null,
  }));
}

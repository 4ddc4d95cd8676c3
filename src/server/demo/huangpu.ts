/**
 * The demo district: 黄浦区 (GB/T 2260 code 310101) with its ten streets. Street outlines are
 * simplified rectangles laid out roughly as the streets lie on the map (west-east, north-south);
 * committees, communities, companies and people are fictional.
 */
export const district = { code: '310101', name: '黄浦区', nameEn: 'Huangpu District' };

export interface StreetSeed {
  code: string;
  name: string;
  nameEn: string;
  /** [west, south, east, north] in WGS 84 degrees */
  box: [number, number, number, number];
  committees: string[];
  communities: string[];
}

export const streets: StreetSeed[] = [
  {
    code: '310101002',
    name: '南京东路街道',
    nameEn: 'East Nanjing Road Subdistrict',
    box: [121.47, 31.228, 121.49, 31.245],
    committees: ['贵州居民区', '宁波居民区', '牛庄居民区'],
    communities: [
      '贵州西小区',
      '浙江中路小区',
      '福建中路公房',
      '天津路小区',
      '牛庄路公寓',
      '宁波路小区',
      '盛泽大厦',
    ],
  },
  {
    code: '310101013',
    name: '外滩街道',
    nameEn: 'The Bund Subdistrict',
    box: [121.49, 31.225, 121.505, 31.245],
    committees: ['北京东路居民区', '江西中路居民区', '金陵东路居民区'],
    communities: [
      '北京东路小区',
      '圆明园路公寓',
      '滇池路小区',
      '江西中路公房',
      '虎丘路小区',
      '四川中路商住楼',
      '香港路小区',
    ],
  },
  {
    code: '310101015',
    name: '半淞园路街道',
    nameEn: 'Bansongyuan Road Subdistrict',
    box: [121.488, 31.195, 121.505, 31.212],
    committees: ['耀江居民区', '南园居民区', '高雄居民区'],
    communities: ['耀江花园', '半淞园路小区', '南园小区', '高雄路公房', '车站新村', '益元小区', '望达小区'],
  },
  {
    code: '310101017',
    name: '小东门街道',
    nameEn: 'Xiaodongmen Subdistrict',
    box: [121.492, 31.212, 121.507, 31.225],
    committees: ['董家渡居民区', '会馆居民区'],
    communities: [
      '东江阴街小区',
      '中华路小区',
      '会馆街公房',
      '董家渡小区',
      '复兴东路小区',
      '王家码头小区',
      '外马路商住楼',
    ],
  },
  {
    code: '310101018',
    name: '豫园街道',
    nameEn: 'Yuyuan Subdistrict',
    box: [121.48, 31.212, 121.492, 31.228],
    committees: ['福佑居民区', '光启居民区'],
    communities: [
      '福佑路小区',
      '旧校场路公房',
      '方浜中路小区',
      '人民路商住楼',
      '河南南路小区',
      '光启路小区',
      '松雪街小区',
    ],
  },
  {
    code: '310101019',
    name: '老西门街道',
    nameEn: 'Laoximen Subdistrict',
    box: [121.467, 31.212, 121.48, 31.228],
    committees: ['西门居民区', '蓬莱居民区', '文庙居民区'],
    communities: [
      '西门路小区',
      '复兴东路公房',
      '中华新村',
      '蓬莱路小区',
      '尚文路小区',
      '大林路小区',
      '文庙路公房',
    ],
  },
  {
    code: '310101020',
    name: '五里桥街道',
    nameEn: 'Wuliqiao Subdistrict',
    box: [121.47, 31.195, 121.488, 31.212],
    committees: ['瞿溪居民区', '鲁班居民区', '丽园居民区'],
    communities: [
      '瞿溪路小区',
      '鲁班新村',
      '局门路公房',
      '丽园路小区',
      '蒙自雅苑',
      '日晖新村',
      '龙华东路商住楼',
    ],
  },
  {
    code: '310101021',
    name: '打浦桥街道',
    nameEn: 'Dapuqiao Subdistrict',
    box: [121.455, 31.195, 121.47, 31.212],
    committees: ['建国居民区', '斜土居民区'],
    communities: [
      '徐家汇路小区',
      '建国新村',
      '打浦路公房',
      '斜土路小区',
      '汇龙新城',
      '海悦花园',
      '打浦桥商住楼',
    ],
  },
  {
    code: '310101022',
    name: '淮海中路街道',
    nameEn: 'Middle Huaihai Road Subdistrict',
    box: [121.455, 31.228, 121.47, 31.245],
    committees: ['淮海居民区', '兴安居民区', '顺昌居民区'],
    communities: ['淮海坊', '尚贤坊', '兴安路小区', '马当路公房', '顺昌路小区', '太仓路小区', '雁荡路公寓'],
  },
  {
    code: '310101023',
    name: '瑞金二路街道',
    nameEn: 'Ruijin No. 2 Road Subdistrict',
    box: [121.455, 31.212, 121.467, 31.228],
    committees: ['瑞金居民区', '永嘉居民区'],
    communities: [
      '瑞金南路小区',
      '永嘉路公房',
      '建国西路小区',
      '茂名南路小区',
      '陕西南路公房',
      '思南路小区',
      '南昌路小区',
    ],
  },
];

/** Functional departments named in seed section 三(一). */
export const departments: { code: string; name: string; nameEn: string }[] = [
  { code: 'HB', name: '区住房保障房屋管理局', nameEn: 'District Housing Administration Bureau' },
  { code: 'JJW', name: '区建设交通委', nameEn: 'District Construction and Transport Commission' },
  { code: 'ZZB', name: '区综治办', nameEn: 'District Comprehensive Governance Office' },
  { code: 'GA', name: '区公安分局', nameEn: 'District Public Security Bureau' },
  { code: 'XF', name: '区消防救援支队', nameEn: 'District Fire and Rescue Detachment' },
  { code: 'SF', name: '区司法局', nameEn: 'District Justice Bureau' },
  { code: 'GH', name: '区规划土地局', nameEn: 'District Planning and Land Bureau' },
  { code: 'SJ', name: '区市场监管局', nameEn: 'District Market Supervision Bureau' },
  { code: 'LH', name: '区绿化市容局', nameEn: 'District Greening and City Appearance Bureau' },
  { code: 'CG', name: '区城管执法局', nameEn: 'District Urban Management Law Enforcement Bureau' },
  { code: 'FGW', name: '区发改委', nameEn: 'District Development and Reform Commission' },
  { code: 'CZ', name: '区财政局', nameEn: 'District Finance Bureau' },
  { code: 'MZ', name: '区民政局', nameEn: 'District Civil Affairs Bureau' },
];

export const enterpriseGroups = [
  '上海永业企业（集团）有限公司',
  '上海南房（集团）有限公司',
  '上海黄浦置地（集团）有限公司',
];
export const groupShortNames = ['永业集团', '南房集团', '黄浦置地'];

/** Property companies; `group` is the index of the enterprise group that owns it, if any. */
export const propertyCompanies: { name: string; group: number | null }[] = [
  { name: '上海永业物业管理有限公司', group: 0 },
  { name: '上海南房物业管理有限公司', group: 1 },
  { name: '上海黄浦置地物业服务有限公司', group: 2 },
  { name: '上海申江物业服务有限公司', group: null },
  { name: '上海浦江之星物业管理有限公司', group: null },
  { name: '上海金外滩物业管理有限公司', group: null },
  { name: '上海淮海中路物业服务有限公司', group: null },
  { name: '上海老城厢物业管理有限公司', group: null },
];

export const developers = [
  '上海黄浦房地产开发有限公司',
  '上海新外滩置业有限公司',
  '上海卢湾城市建设发展有限公司',
  '上海江南新城置业有限公司',
];

export const maintenanceCompanies = ['上海申联电梯维保有限公司', '上海浦安机电设备维修有限公司'];

export const socialOrganizations = ['黄浦区物业纠纷人民调解委员会', '黄浦区社区物业服务指导中心'];

export const familyNames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武';
export const givenNames =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽秀';

/** The ten streets' neighbouring roads for addresses. */
export const roads: Record<string, string[]> = {
  '310101002': ['贵州路', '浙江中路', '福建中路', '天津路', '牛庄路', '宁波路', '北海路'],
  '310101013': ['北京东路', '圆明园路', '滇池路', '江西中路', '虎丘路', '四川中路', '香港路'],
  '310101015': ['半淞园路', '南园路', '高雄路', '车站路', '益元路', '望达路', '西藏南路'],
  '310101017': ['东江阴街', '中华路', '会馆街', '董家渡路', '复兴东路', '王家码头路', '外马路'],
  '310101018': ['福佑路', '旧校场路', '方浜中路', '人民路', '河南南路', '光启路', '松雪街'],
  '310101019': ['西门路', '复兴东路', '中华路', '蓬莱路', '尚文路', '大林路', '文庙路'],
  '310101020': ['瞿溪路', '鲁班路', '局门路', '丽园路', '蒙自路', '日晖东路', '龙华东路'],
  '310101021': ['徐家汇路', '建国中路', '打浦路', '斜土路', '瑞金南路', '局门路', '蒙自路'],
  '310101022': ['淮海中路', '黄陂南路', '兴安路', '马当路', '顺昌路', '太仓路', '雁荡路'],
  '310101023': ['瑞金南路', '永嘉路', '建国西路', '茂名南路', '陕西南路', '思南路', '南昌路'],
};

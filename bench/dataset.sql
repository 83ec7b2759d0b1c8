-- The benchmark dataset: seeded and repeatable, built from the sample articles' own sentences, the region names and
-- a vocabulary of the field, so that words are as common or as rare as in real welfare-lottery news.
-- A provincial centre for each of the 31 provinces and a municipal centre for each of the 333 prefectures; :articles
-- articles (bodies of 1,000 to 3,000 characters, 3 % drafts or archived, 20 % with an English translation).
-- Usage: psql -v articles=100000 -f bench/dataset.sql (on a database migrated by the service's own migrations).
select setseed(0.42);

create temporary table bench_publisher as
select row_number() over (order by r.code) as n, gen_random_uuid() as id, r.code, r.name, r.level,
       regexp_replace(r.name, '(市|省|地区|盟|自治州|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)$', '') as short_name,
       array_remove(array[r.code, r.parent_code, case when r.level = 'prefecture' then '000000' end], null)::varchar(6)[] as scope
from region r where r.level in ('province', 'prefecture');

insert into publisher (id, slug, name, name_en, level, kind, region_code, version, created_at, updated_at)
select id, 'bench-' || code, name || '福利彩票发行中心', 'Welfare Lottery Centre ' || code,
       case level when 'province' then 'provincial' else 'municipal' end, 'lottery_centre', code, 0, now(), now()
from bench_publisher;

create function pg_temp.pick(words text[]) returns text language sql volatile as $$
    -- Skewed towards the start of the list, as word frequencies are: the first word about 20 times as often as the last.
    select words[1 + floor(cardinality(words) * power(random(), 2.2))::int]
$$;

create function pg_temp.any_of(items text[]) returns text language sql volatile as $$
    select items[1 + floor(random() * cardinality(items))::int]
$$;

create function pg_temp.real_sentence() returns text language sql volatile as $$
    select pg_temp.any_of(array[
        '2019年,是温州福彩走好高质量发展之路的重要一年。',
        '回望这一年,温州市福利彩票发行中心强化党建引领,把政治标准和政治要求贯穿中心工作,打造智慧党建信息平台,打造了一支战斗力和凝聚力更强的福彩队伍。',
        '这一年,温州市福彩中心发布2018年温州市福利彩票,主动向社会告知公益金使用情况,自觉接受社会监督,加强“阳光福彩”建设;这一年,市福彩中心不忘初心,牢记“扶老、助残、救孤、济困”公益使命,做困难群众追梦路上的阳光,为3000多人送去温暖;这一年,从加强基础设施建设,到成功创建“温州市墨香单位”,市福彩中心努力提高服务满意度,还召开温州民政福彩表彰大会,凝心聚力,提升福彩品牌形象。',
        '2019年12月30日喜讯传来:截至12月30日,温州市福利彩票今年销量再破20亿,筹集公益金5亿多元,所筹公益金继续助力社会公益事业发展。',
        '党建引领福彩队伍战斗力更强2019年开展的一些福彩公益活动中,我们总能看到一抹动人的红色身影——市福彩中心党员志愿者。',
        '在永嘉县枫林镇,他们主动搀扶老人,送上慰问品;在苍南县南宋镇,他们穿梭在现场,组织义工为困难群众送上理发、义诊、推拿等服务;在市区红日亭,他们笑脸盈盈,为有需要的人派发爱心早餐……福彩党员志愿者风采,为市福彩中心党建工作写下生动注脚。',
        '2019年,市福彩中心坚持党建引领,坚定政治信仰、强化政治领导,把政治标准和政治要求贯穿工作全方面,锻造出一支政治素质过硬的福彩队伍。',
        '“公益福彩你最出彩”——温州福彩举行庆祝中华人民共和国成立70周年暨2018年度温州民政福彩表彰活动这一年,市福彩中心开展“不忘初心、牢记使命”主题教育活动,成立主题教育学习领导小组,以“两学一做”为基本内容,定期召开组织生活会、民主评议党员、主题党日等活动,每月为党员过“政治生日”,严肃规范党内政治生活,锤炼党员党性,更好地发挥党员先锋模范作用。',
        '这一年,市福彩中心深化党员先锋岗,强化党员使命担当,组织开展“三服务三助力”下基层专项活动,每月深入福彩基层站点,了解站点需求,听取站点意见,为站点办好事、办实事。',
        '党员起到先锋模范作用,带动了全体干部职工讲政治、守规矩、敢担当、有作为,提升福彩队伍的战斗力和凝聚力。',
        '不忘初心做困难人群的守护者守初心、担使命,福彩的初心和使命是什么?福彩的发行宗旨,也是福彩的初心所在、使命所在,一句话8个字:扶老、助残、救孤、济困。',
        '2019年,市福彩中心不忘初心,全年投入福彩公益金743.9万元,借势借力,组织开展了“福彩暖万家”系列、“938福彩助力梦想”系列、“公益福彩·民政与你同行”“感受公益福彩”等公益活动48场次,受助者达3263人,向社会传递着福彩的公益温度。',
        '这一年,他们的帮扶更加贴近困难、弱势等特殊群体的需求。',
        '在2019“福彩暖万家·助圆大学梦”活动中,资助300名温州困难大学新生各8000元福彩公益金,放飞他们的大学梦。',
        '更重要的是在资助仪式上,给困难大学新生上了一堂青春课,教他们在大学校园里遇见更好的自己。',
        '感受公益福彩活动走进平阳怀溪晓坑慈善敬老院在扶老方面,2019年12月13日,市福彩中心组织市人大代表、政协委员、行风监督员、彩民、投注站销售员等40多人,探访平阳怀溪晓坑慈善敬老院,看到福利彩票公益金在扶老项目上带来的切实帮助。',
        '十多年来,市福彩中心为该敬老院捐款捐物共计178万元,建宿舍、食堂等,让孤寡老人住得安心,还能吃上热乎饭,为他们打造了一个温暖的家。',
        '这一年,一张张薄薄的福彩彩票托起众多家庭的希望,温州福彩始终牢记自己的使命,做着一件又一件公益事,续写更多温暖故事。',
        '强基固本助推福彩高质量发展打铁还需自身硬,基层基础建设是福彩事业走好高质量发展之路的关键所在。',
        '2019年,市福彩中心加快基础设施建设,完成了洞头、瑞安、苍南、平阳等4处综合服务站建设工作,并顺利投入使用;开展了福利彩票综合服务营运大厅装修工作;投入2100万元,启动了鹿城等5县(市、区)综合服务站用房购置工作。',
        '在软实力建设方面,市福彩中心严把作风建设,万人双评议工作连续5个月获得民政局作风效能示范岗前三。',
        '温州福彩党支部走进红日亭开展志愿服务活动这一年,福利彩票投注站公开征召系统更加便民,推出投注站公开征召“网上申请、网上审批”一网通,公开征召系统迁移至浙江政务服务网和浙里办App,内容清晰明了,并且实施办理流程“最多跑一次”,为办事群众提供便利;这一年,按照“宽进严管、优胜劣汰、有进有出、动态平衡”的投注站管理思路,到2019年底,全市共发展投注站达1275家,并制订投注站分类分级管理、年检年审、持证上岗等制度,开展投注站星级评定工作,我市共260个投注站获得“省级星级站点”称号;这一年,完成温州特色数字福彩可视化管理平台和营销服务平台建设,兼具视频监控和视频会议培训功能,此外为全市所有电脑票投注站和市级中福在线销售厅投保责任险,进一步提升安全保障能力。',
        '这一年,市福彩中心加强文化引领,邀请专业老师为中心职工上国画课,从优秀传统文化中汲取力量,进一步凝心聚力,已成功创建为“温州市墨香单位”。',
        '接下来,温州福彩将继续以党建高质量为引领,牢记“民政为民、民政爱民”理念,把握机遇,迎难而上,推动高质量发展迈上新台阶。'])
$$;

create function pg_temp.english_sentence() returns text language sql volatile as $$
    select pg_temp.any_of(array[
        'The 2021 National Welfare Lottery Issuance and Sales Work Conference will be held in Jiaxing City, Zhejiang Province from March 30-31.',
        'Gao Xiaobing, member of the Party Leadership Group and Vice Minister of the Ministry of Civil Affairs, and Wang Wenxu, Deputy Governor of the People''s Government of Zhejiang Province, attended the meeting and delivered speeches.',
        'The meeting emphasized that it is necessary to use Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era as a guide to thoroughly study and implement the spirit of the 19th National Congress of the Communist Party of China and the 2nd, 3rd, 4th, and 5th Plenary Sessions of the 19th National Congress of the Communist Party of China, and conscientiously summarize the welfare lottery work in recent years and analyze it.',
        'Welfare lottery development is facing the situation and tasks, adhere to the original aspiration, seek progress in stability, scientifically plan and deploy the "14th Five-Year" work, promote the high-quality development of welfare lottery to a new level, and celebrate the 100th anniversary of the founding of the Communist Party of China with outstanding achievements.',
        'The meeting pointed out that since the Sixth Plenary Session of the Eighteenth Central Committee of the Party, the welfare lottery work has made significant progress and has undergone all-round changes.',
        'Continuously strengthen the awareness of first looking at the welfare lottery business from a political point of view.',
        'The people, national and public welfare of welfare lottery are further demonstrated, laying a solid ideological foundation for promoting the high-quality development of the welfare lottery in the new era;',
        'earnestly completing the central inspection and rectification tasks, A clean and upright political ecology has been consolidated and developed;',
        'resolutely implement the decisions and deployments of the Party Central Committee, actively participate in the main battlefield of poverty alleviation, and make positive contributions to building a well-off society in all respects;',
        'make all-out efforts to combat the new crown pneumonia epidemic, and promote the resumption of work and the market in an orderly manner, and continue Increased support has achieved positive results in the “six stability” and “six guarantees” work in the welfare lottery field;',
        'the issuance and sales have improved quality and efficiency, and the results of innovation and development have emerged, which has effectively promoted the development of social welfare and social welfare undertakings.',
        'The meeting emphasized that it is necessary to deeply understand the new requirements of the new development stage, the new development concept, and the new development pattern of the welfare lottery work, thoroughly implement the general tone of the work of seeking progress while maintaining stability, and correctly handle the dialectical relationship between "stability" and "progress".',
        'Seek progress steadily, promote stability with progress, and continue to create new prospects for the development of the Welfare Lottery industry.',
        'We must strengthen our confidence in serving the overall situation of the country, meeting the new needs of the people, conforming to the new trend of science and technology, and advancing the new transformation of transformation, using supervision to force transformation, using the market to force reform, and gathering powerful forces to overcome difficulties.',
        'It is necessary to take political construction as the command, strengthen the awareness of political construction, strengthen the sense of original mission, continuously improve political judgment, political understanding, and political execution, and set the political direction of the prospective welfare lottery industry.',
        'It is necessary to strengthen the awareness of risk prevention, abide by the bottom line of operation according to law, focus on preventing and controlling risks from standards, systems, and mechanisms, and strengthen supervision and inspection to ensure the safe and stable operation of the welfare lottery industry.',
        'The meeting called for the precise and pragmatic advancement of the high-quality development of the Welfare Lottery during the "14th Five-Year Plan" period.',
        'It is necessary to give play to the guiding and guaranteeing role of comprehensive and strict governance of the party, deepen the anti-corruption struggle, consolidate the results of inspection and rectification, improve the supervision system, and tighten the institutional cage.',
        'It is necessary to comprehensively strengthen the leadership of the welfare lottery work and improve the level of distribution and sales.',
        'To accelerate the construction of a diversified product system, adjust and optimize the channel network layout.',
        'It is necessary to promote the construction of standardization and comprehensively develop high-quality services.',
        'It is necessary to strengthen the construction of responsible lottery tickets, to permeate the concept of responsible lottery into all links of issuance and sales, and to prevent and resolve irrational lottery purchases.',
        'It is necessary to promote the coordination of marketing and publicity, improve the effect of marketing and publicity, and enhance the social image of welfare lottery.',
        'This meeting closely integrated work deployment with party history learning and education.',
        'Through listening to the "Red Boat Spirit" thematic party history counseling report, visiting the Nanhu Revolutionary Memorial Hall, reviewing the party oath and paying respects to the Red Boat, mobilizing and encouraging cadres and employees of the National Welfare Lottery System Forget the original aspiration, keep the mission in mind, inherit and carry forward the "Red Boat Spirit", absorb the wisdom of advancement, stimulate the forge ahead, and better promote the high-quality development of the Welfare Lottery business in the new stage and new journey.',
        'An Ning, Secretary of the Party Committee and Director of China Welfare Lottery Issuance Management Center, delivered a work report to the meeting.',
        'Welfare lottery sales agencies in Zhejiang, Anhui, Shandong, Guangdong, Shaanxi, and Xinjiang Uygur Autonomous Region exchanged their experience and practices.',
        'Comrades in charge of relevant departments and bureaus of the Ministry of Civil Affairs, civil affairs departments (bureaus) of various provinces (autonomous regions and municipalities directly under the Central Government), Xinjiang Production and Construction Corps Civil Affairs Bureau, Shenzhen Civil Affairs Bureau in charge of welfare lottery work, welfare lottery sales agencies mainly responsible comrades, China Welfare Lottery Center Members of the leadership team attended the meeting.'])
$$;

create function pg_temp.word() returns text language sql volatile as $$
    select pg_temp.pick(array['福彩', '福利彩票', '公益金', '彩民', '销量', '发行中心', '双色球', '投注站', '民政', '公益活动',
        '党建引领', '高质量发展', '志愿服务', '困难群众', '责任彩票', '即开型', '快乐8', '刮刮乐', '开奖', '星级站点', '综合服务站',
        '助学', '扶老', '助残', '救孤', '济困', '七乐彩', '3D游戏', '阳光福彩', '社会监督', '大学新生', '敬老院', '儿童福利院',
        '慈善', '代销者', '销售渠道', '品牌形象', '专项审计', '资金使用', '信息公开', '安全运营', '游戏规则', '兑奖', '中奖者',
        '残疾人', '孤儿', '养老服务', '社区', '乡村振兴', '疫情防控', '巡察整改', '廉政建设', '培训班', '座谈会', '表彰大会'])
$$;

create function pg_temp.sentence(place text, year int) returns text language sql volatile as $$
    select case floor(random() * 6)::int
        when 0 then replace(pg_temp.real_sentence(), '温州', place)
        when 1 then place || '市' || pg_temp.word() || '中心开展' || pg_temp.word() || '活动,为' || (10 + floor(random() * 3000))::int || '名' || pg_temp.word() || '送去温暖。'
        when 2 then year || '年,' || place || '筹集' || pg_temp.word() || (1 + floor(random() * 9000))::int || '万元,用于' || pg_temp.word() || '和' || pg_temp.word() || '。'
        when 3 then '会议强调,要坚持' || pg_temp.word() || ',推动' || pg_temp.word() || '工作取得' || pg_temp.word() || '新成效。'
        when 4 then place || '各地' || pg_temp.word() || '累计销售' || pg_temp.word() || (1 + floor(random() * 50))::int || '亿元,同比增长' || (1 + floor(random() * 30))::int || '%。'
        else '全市' || pg_temp.word() || '网点围绕' || pg_temp.word() || ',加强' || pg_temp.word() || ',提升' || pg_temp.word() || '水平。'
    end
$$;

create function pg_temp.paragraphs(place text, year int, sentences int) returns text language sql volatile as $$
    select string_agg(case when i % 5 = 1 then '<p>' else '' end || pg_temp.sentence(place, year) || case when i % 5 = 0 or i = sentences then '</p>' else '' end, '' order by i)
    from generate_series(1, sentences) i
$$;

-- The search index is built once after the load, not once per row and again per translation.
alter table article disable trigger article_search_refresh;
alter table article_translation disable trigger article_translation_search_refresh;

create temporary table bench_article as
select g, gen_random_uuid() as id, (1 + floor(random() * (select count(*) from bench_publisher)))::int as publisher_n,
       timestamptz '2026-11-01 08:00+08' - random() * interval '2000 days' as published_at,
       random() as state, random() as translated, (20 + floor(random() * 25))::int as sentences
from generate_series(1, :articles) g;

insert into article (id, publisher_id, slug, locale, title, summary, body, category, tags, region_codes, region_scope,
                     translation_locales, published_at, status, version, created_at, updated_at)
select a.id, p.id, 'bench-' || a.g, 'zh-CN',
       p.short_name || extract(year from a.published_at) || '年' || pg_temp.word() || pg_temp.word()
           || pg_temp.any_of(array['工作会议召开', '成效显著', '再创新高', '情况公告', '活动启动', '座谈会举行']),
       pg_temp.sentence(p.short_name, extract(year from a.published_at)::int),
       pg_temp.paragraphs(p.short_name, extract(year from a.published_at)::int, a.sentences),
       pg_temp.any_of(array['本地新闻', '公益金公告', '销售动态', '通知公告']),
       array[pg_temp.word(), pg_temp.word()], array[p.code]::varchar(6)[], p.scope,
       case when a.translated < 0.2 then array['en'] else '{}' end, -- the published translation inserted below
       case when a.state < 0.98 then a.published_at end,
       case when a.state < 0.97 then 'published' when a.state < 0.98 then 'archived' else 'draft' end,
       0, a.published_at, a.published_at
from bench_article a join bench_publisher p on p.n = a.publisher_n;

insert into article_translation (id, article_id, locale, title, summary, body, status, original_digest, created_at,
                                 updated_at)
select gen_random_uuid(), a.id, 'en',
       pg_temp.any_of(array['Welfare lottery', 'Public welfare fund', 'Charity', 'Lottery sales', 'Volunteers', 'Students'])
           || ' ' || pg_temp.any_of(array['conference', 'report', 'campaign', 'results', 'training', 'awards'])
           || ' in ' || p.code,
       pg_temp.english_sentence(),
       '<p>' || pg_temp.english_sentence() || ' ' || pg_temp.english_sentence() || ' ' || pg_temp.english_sentence() || '</p><p>'
           || pg_temp.english_sentence() || ' ' || pg_temp.english_sentence() || '</p>',
       'published',
       -- ArticleContent.Localized.digest of the original, as V29 computes it
       encode(sha256(convert_to(o.title || chr(31) || coalesce(o.summary, '') || chr(31) || coalesce(o.body, '') || chr(31),
                                'UTF8')), 'hex'),
       a.published_at, a.published_at
from bench_article a join bench_publisher p on p.n = a.publisher_n join article o on o.id = a.id
where a.translated < 0.2;

-- Then, from the bench script: the search index, refreshed from two sessions at once (bench/index-part.sql).
alter table article enable trigger article_search_refresh;
alter table article_translation enable trigger article_translation_search_refresh;

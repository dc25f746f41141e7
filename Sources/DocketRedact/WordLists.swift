/// Word lists the name heuristics consult. Compiled by hand for Docket in 2026 from general
/// knowledge of names, places and institutions common in UK documents; not drawn from any
/// published list; not exhaustive. A word added here changes what is redacted, so each list has a
/// test that reads from it.
enum WordLists {
    /// Given names common in the UK today, across origins (English, Scottish, Welsh, Irish,
    /// South Asian, African, Caribbean, Eastern European, East Asian, Arabic, Turkish, Greek,
    /// Southern and Western European, Jewish), with common short forms and the many given names
    /// that are also ordinary words (May, Grace, Will, Mark, Rose, Hunter). A capitalised word on
    /// this list followed by another capitalised word looks like the start of a person's name.
    /// Source: compiled by hand for Docket in 2026; not exhaustive.
    static let givenNames: Set<String> = words(
        """
        Aarav Aaron Aarti Abbey Abbie Abby Abdallah Abdi Abdul Abdulaziz Abdullah Abdulrahman Abebe
        Abena Abhishek Abigail Abimbola Abiola Abraham Abu Achieng Ada Adaeze Adam Adanna Adaora Ade
        Adebayo Adebola Adel Adele Adèle Adeola Adewale Adil Aditi Aditya Adnan Adrian Adriana
        Adrienne Afia Afonso Afua Afzal Agata Agatha Agne Agnes Agnès Agnieszka Aharon Ahmad Ahmed
        Ahmet Aidan Aiden Aiko Ailsa Aimee Aine Áine Ainsley Aisha Aisling Aiste Ajay Ajit Akash
        Akbar Akeem Akinyi Akira Akosua Akshay Akua Al Alaa Alan Alana Alasdair Alastair Albert
        Alberto Alec Aled Alejandra Alejandro Aleksander Aleksandra Alessandra Alessandro Alessia
        Alex Alexa Alexander Alexandra Alexandros Alexis Alf Alfie Alfonso Alfred Ali Alia Alice
        Alicia Alina Alison Alistair Aliya Allan Allison Ally Alma Almaz Alok Alun Alvaro Álvaro
        Alyssa Ama Amaka Amal Amanda Amandeep Amani Amar Amara Amardeep Amarjit Amber Amelia Amelie
        Amélie Amina Aminah Amine Amir Amira Amit Amna Amos Amr Amran Amrit Amrita Amy Anais Anaïs
        Anand Anas Anastasia Anastasios Anders Andrae Andras András Andre Andrea Andreas Andreea
        Andrei Andres Andrés Andrew Andrii Andriy Androulla Andrzej Andy Angela Angeliki Angelina
        Angelo Angharad Angie Angus Anh Anil Anisur Anita Anjali Anke Ankit Ann Anna Annabel
        Annabelle Anne Annelies Annette Annie Annika Anthony Antoine Anton Antonella Antoni Antonia
        Antonio Anuj Anupam Anwar Anwen Aodhan Aodhán Aoife April Arabella Arafat Arash Arben Archie
        Arda Ardeshir Ardit Ari Aria Ariana Ariel Arif Arjun Arjuna Arnold Arthur Artur Arun Aruna
        Arwel Asad Ash Asha Asher Ashleigh Ashley Ashling Ashok Ashraf Ashton Ashwin Asif Aslam Asli
        Aslı Asma Astrid Athanasios Atieno Atif Atul Audrey Augustus Auma Aurelie Aurélie Austin
        Autumn Ava Avery Avi Avigail Avraham Avtar Axelle Aya Ayaan Ayan Ayesha Aylin Ayman Ayo
        Ayodele Ayomide Ayse Ayşe Azad Azhar Aziz Babajide Babak Babatunde Babs Bahram Bailey Balazs
        Balázs Balbir Baljit Balvinder Bao Baptiste Baraka Barbara Baris Barnaby Barney Barra Barry
        Bartek Bartosz Baruch Barış Bashir Basil Basma Bassam Batya Beata Beatrice Beatrix Beatriz
        Becca Becky Behnaz Belinda Bella Ben Benedict Benjamin Benoit Benoît Berhane Berivan Berk
        Berkay Bernadette Bernard Bernd Bert Bertie Bertram Berwyn Beryl Besnik Beth Bethan Bethany
        Betty Bev Beverley Beverly Bex Bhavesh Bhavna Bhupinder Bilal Bill Billie Billy Bindi Binh
        Birgit Bisi Bjorn Björn Blake Blathnaid Bláthnaid Bleddyn Blerta Blessing Blossom Bo Bob
        Bobbie Bobby Bogdan Bohdan Bola Bonnie Bozena Bożena Brad Bradley Bram Brandon Brenda
        Brendan Brian Brid Bríd Bridget Brigitte Britta Brittany Brona Bronwen Brooke Bruce Bruno
        Bryan Bryn Bryony Bukola Burak Bushra Cadi Cai Caio Caitlin Caitriona Caitríona Cal Callie
        Callum Calum Calvin Cameron Camila Camilla Camille Can Candice Cansu Caoimhe Caoimhin
        Caoimhín Capucine Cara Carl Carla Carlo Carlos Carlton Carly Carmel Carmen Carol Carolina
        Caroline Carolyn Carrie Carys Casey Cass Cassandra Cassie Catalin Cătălin Catalina Catarina
        Cath Cathal Catherine Cathy Catrin Catriona Cecil Cecilia Celia Celine Céline Celyn Cem
        Cemile Ceri Cerian Cerys Chaim Chana Chandra Chantal Chantelle Chao Charanjit Charity
        Charlene Charles Charley Charlie Charlotte Charmaine Chase Chava Chelsea Cheng Cherry Cheryl
        Chetan Chiamaka Chiara Chibuike Chidi Chidinma Chika Chinedu Chinonso Chinwe Chioma Chipo
        Chloe Chris Chrissie Christian Christina Christine Christophe Christopher Christos
        Chrysanthi Chukwudi Chukwuemeka Cian Ciara Ciaran Ciarán Cillian Claire Clara Clare Clarence
        Claude Claudette Claudia Claudio Cledwyn Clemence Clémence Clement Clément Cliff Clifford
        Clinton Cliona Clíona Clive Clodagh Colette Colin Colm Colum Comfort Conall Concepción
        Connie Connor Conor Constance Constantine Consuelo Cora Corinne Cormac Cornelius Costas
        Courtney Craig Cristian Cristina Crystal Cuthbert Cynthia Cyril Cyrus Daan Dafna Dafydd Dai
        Daisuke Daisy Daithi Daithí Dakota Dalbir Dale Dalia Daljit Damian Damien Damilola Damla Dan
        Dani Daniel Daniele Daniella Danielle Danish Danny Daphne Dara Darcey Darcy Darius Dariush
        Dariusz Darragh Darren Darshan Dave Davey David Davide Dawid Dawit Dawn Dayo Dean Debbie
        Deborah Debra Declan Deepa Deepak Deepika Deirdre Del Delia Della Delphine Delroy Delyth
        Demetri Demetrios Denise Deniz Dennis Deqa Derek Dermot Derya Des Desmond Despina Destiny
        Dev Devi Devika Devon Devorah Dewi Dexter Di Diana Diane Diarmuid Didier Diego Dieter Dilan
        Dilip Dilys Dima Dimitar Dimitra Dimitrios Dimitris Dina Dinah Dinesh Diogo Dionne Dirk
        Divya Djamel Dmitri Dmitry Dmytro Dolly Dolores Dom Domenico Dominic Dominika Dominique Don
        Donal Donald Donatella Dong Donna Donnacha Donncha Dora Doreen Doris Dorota Dorothea Dorothy
        Dot Dougal Dougie Douglas Dov Dovile Dragan Drew Dritan Duarte Duc Duncan Dusan Dušan Dwayne
        Dylan Dympna Eamon Éamon Eamonn Earl Ebony Ebru Ebuka Ece Ed Eddie Eden Edgar Edith Edmund
        Edna Eduardo Edward Edwin Edyta Effie Efua Egle Eileen Eilidh Eilis Eilís Eimear Eirian
        Eirlys Eirwen Eitan Eithne Ejike Ekow Elaine Elana Eleanor Eleftheria Elena Eleni Eleri
        Elgan Elif Elijah Elin Eline Eliot Elira Elis Elisheva Eliyahu Eliza Elizabeth Elke Ella
        Ellen Ellie Elliot Elliott Ellis Elodie Élodie Eloise Elsa Elsie Elspeth Eluned Elwyn
        Elzbieta Elżbieta Emanuele Emeka Emel Emer Emerson Emi Emile Émile Emilia Emilio Emily Emine
        Emlyn Emma Emmanuel Emmy Emre Emrys Emyr Enda Enitan Enoch Enrico Enrique Enzo Eoghan Eoin
        Erdem Eric Erica Erik Erin Ermal Ernest Ernie Errol Esi Esme Esra Esteban Estelle Esther
        Eszter Ethan Ethel Etienne Étienne Euan Eugene Eva Evan Evangelos Eve Evelyn Everton Evie
        Ewa Ewan Ewelina Ewen Ezekiel Ezra Fabien Fabio Fábio Fabrice Fadi Fadumo Fahad Faisal Faith
        Fang Farai Fares Farhad Farhan Farhiya Farid Farida Farooq Farzana Fatih Fatiha Fatima
        Fatimah Fatma Fatos Favour Fawad Fay Faye Fazal Feargal Fearghal Federica Federico Fei
        Felicity Felipe Felix Femi Femke Feng Ferdinand Fereshteh Fergal Fergus Fern Fernanda
        Fernando Ffion Fi Fiachra Fidelma Filip Filipe Fingal Finlay Finley Fintan Fiona Fionn
        Fionnuala Fiorella Fitzroy Flo Flora Florence Florian Florin Folake Folasade Fran Frances
        Francesca Francesco Francisco Franco Francois François Francoise Françoise Frank Frankie
        Franz Fraser Fred Freddie Freddy Frederic Frédéric Frederick Freja Freya Friedrich Fritz
        Funke Funmilayo Gabor Gábor Gabriel Gabriela Gabriele Gabriella Gabrielle Gael Gaël
        Gagandeep Gail Galina Gareth Garfield Gary Gaspard Gaurav Gavin Gaz Gbenga Gearoid Gearóid
        Geert Geeta Gemma Genevieve Geneviève Geoff Geoffrey George Georgi Georgia Georgina Georgios
        Geraint Gerald Geraldine Gerhard Geri Gerry Gertrude Gethin Gezim Ghada Giacomo Gianluca
        Gianni Gideon Gift Gilbert Gill Gilles Gillian Gina Ginette Ginny Giorgio Giorgos Giovanna
        Giovanni Gisela Gita Giulia Giuliana Giulio Giuseppe Gizem Gladys Glen Glenn Glenys Gloria
        Glyn Godfrey Godwin Gokhan Gökhan Golda Goncalo Gonçalo Gonzalo Goodluck Gopal Goran Gordon
        Grace Gracie Graham Grainne Gráinne Grant Graziella Greg Gregor Gregory Gruffydd Grzegorz
        Guadalupe Guang Gudrun Guilherme Guillaume Guillermo Gul Gül Gulay Gülay Gunnar Gunter
        Günter Gurbax Gurdeep Gurinder Gurjit Gurmeet Gurnam Gurpreet Gurvinder Gus Gustavo Guto Guy
        Gwen Gwenllian Gwilym Gwion Gwyneth Gwynfor Habib Habiba Habibur Hadas Hadassah Hadi Haf
        Hafsa Hai Hailey Hakan Hal Hala Halil Halina Halyna Hamad Hamdi Hamid Hamish Hamza Hana
        Hanan Hanh Hani Hanif Hanna Hannah Hanne Hannelore Hans Hao Haoran Hardeep Harinder Harish
        Harjinder Harjit Harleen Harley Harmony Harold Haroon Harpal Harper Harpreet Harriet
        Harrison Harry Harsha Haruka Harun Haruto Harvey Harvinder Hasan Hassan Hatice Hattie Haya
        Hayden Hayley Hazel Heather Hector Hedd Heidi Heike Heinrich Heinz Heledd Helen Helena
        Helene Hélène Helga Helmut Hema Hendrik Henri Henrietta Henrik Henry Herbert Hershel Herve
        Hervé Hiba Hibo Hieu Hilary Hilda Hillel Hind Hiro Hiroshi Hisham Hitesh Hoa Hoang Hodan
        Holly Hong Honor Honour Hope Horace Hortense Howard Hua Hugh Hugo Hui Hulya Hülya Huma
        Humaira Humphrey Hunter Huong Huseyin Hüseyin Hussain Hussam Hussein Huw Huy Hyacinth Hyman
        Hyun Hywel Iain Ian Ibrahim Idris Idwal Iestyn Ieuan Ieva Ifan Ifeanyi Ifeoma Ifrah Iftikhar
        Ignacio Ignatius Igor Ihor Ikechukwu Ilan Ilaria Ilhan Ilse Ilyas Iman Imane Imani Imogen
        Imran Inaya Inderjit India Indira Ines Inés Inês Inga Inge Ingeborg Ingrid Innes Ioan Ioana
        Ioannis Iolo Ion Ionut Ionuț Iqbal Ira Irene Irfan Irfon Irina Iris Iryna Isaac Isabel
        Isabella Isabelle Ishaq Isidore Isla Islay Islwyn Ismail Ismet Isobel Istvan István Itai
        Itzhak Ivan Ivana Ivanna Ivaylo Ivy Iwan Iwona Izzy Jacek Jack Jackie Jackson Jacob
        Jacqueline Jacques Jacqui Jade Jae Jagdish Jahanara Jake Jakub Jamal James Jamie Jamila Jan
        Jana Jane Janet Janice Janis Jānis Janusz Jaroslaw Jarosław Jas Jasbir Jaskaran Jasleen
        Jasmine Jason Jaspal Jasper Jaspreet Jasvinder Jaswant Jaswinder Jatinder Javed Javier Jawad
        Jay Jaya Jayesh Jean Jean-Claude Jean-Luc Jean-Paul Jean-Pierre Jeanette Jeevan Jeff Jeffrey
        Jelena Jemima Jemma Jenna Jennifer Jenny Jens Jeremy Jermaine Jeroen Jerome Jérôme Jerzy
        Jess Jesse Jessica Jessie Jesús Jethro Jevon Jez Ji-hoon Ji-woo Jia Jian Jiang Jiayi Jide
        Jie Jill Jim Jimmy Jin Jing Jiri Jiří Jo Joan Joana Joanna Joanne Joao João Joaquin Joaquín
        Jocelyn Jock Jodie Jody Joe Joel Joey John Johnny Jolanta Jomo Jon Jonah Jonas Jonathan
        Jonny Joost Jordan Jorg Jörg Jorge Jose José Joseph Josephine Josh Joshua Josiane Josie Joy
        Joyce Jozef Józef Juan Juana Jude Judith Judy Jules Julia Julian Juliana Julie Julien Juliet
        Juliette Julio Juma Jumoke Jun Junaid June Jurgen Jürgen Justin Justyna Jyoti Kaan Kacper
        Kadeem Kai Kamal Kamala Kamaljit Kamil Kamila Kamlesh Kamran Kamrul Kang Kaori Karamjit
        Karan Kareem Karen Kari Karim Karima Karl Karol Karolina Kashif Kasia Katalin Katarzyna Kate
        Katerina Kateryna Katherine Kathleen Kathryn Kathy Katie Katrin Katy Katya Kaveh Kavita Kay
        Kayla Kayode Kaz Kazuki Kees Kehinde Keiko Keisha Keith Kelly Kemal Kemar Kemi Kemoy Ken
        Kenji Kenneth Kenta Kenzie Kerem Kerry Kerry-Ann Kevin Khadar Khadija Khaled Khalid Khalil
        Khanh Kidane Kieran Kieron Kim Kimberley Kira Kiran Kirandeep Kirsteen Kirstie Kirsty Kishan
        Kit Kitty Klaus Kobina Kofi Kojo Konstantinos Kostas Krishna Kristaps Kristian Kristin
        Krystyna Krzysztof Kseniya Kudzai Kuldeep Kuldip Kulvinder Kulwant Kumar Kumaran Kwabena
        Kwadwo Kwaku Kwame Kwasi Kwesi Kyle Kyriakos Lacey Lachie Lachlan Laila Lakhbir Lakshmi
        Lalita Lamia Lan Lance Laoise Larissa Larry Lars Larysa Laszlo László Lata Latoya Laura
        Lauren Laurence Laurent Lawrence Layla Lea Léa Leah Leanne Lee Leela Lei Leila Len Lena
        Lenka Lennox Lenny Leo Leon Leonard Leonor Lerato Leroy Les Lesley Leslie Lesya Leticia
        Letícia Levi Lewis Lex Leyla Li Liam Lian Liang Libby Liberty Lieke Liga Lilian Lillian Lily
        Lina Linda Lindiwe Lindsay Lindsey Ling Linh Linnea Linton Lionel Liora Lisa Liudmyla Liz
        Liza Llinos Llion Lloyd Llyr Logan Loic Loïc Lois Lola Lorcan Loredana Lorena Lorenzo Lorna
        Lorne Lorraine Lottie Lou Louie Louis Louisa Louise Lowri Lubna Luc Luca Lucas Lucia Lucía
        Lucian Lucien Lucille Lucinda Lucy Luigi Luis Luisa Luíza Luka Lukas Lukasz Luke Lulu Luna
        Lydia Lynn Lynne Lyuba Lyudmila Maarten Mabel Maciej Macsen Madeleine Madison Maëlle Maeve
        Mafalda Magda Magdalena Magnus Mags Mahesh Mahmood Mahmoud Mahmud Mahsa Mai Maire Máire
        Mairead Máiréad Mairi Maisie Majed Majid Maksym Mal Mala Malachy Malak Malcolm Malgorzata
        Mali Maliha Malik Malika Malka Malkit Mamun Mandeep Mandla Mandy Manfred Manish Manisha
        Manjit Manoj Manon Manpreet Manuel Manuela Marcello Marcia Marcin Marco Marcos Marcus Mared
        Marek Margaret Margaux Margot Maria Mariam Marian Mariana Marianne Maricel Marie
        Marie-Claire Marieke Marigold Marija Mariko Marilyn Marina Mario Marion Marios Marites
        Mariusz Marjorie Mark Marko Markus Marley Marlon Marsaili Marta Martha Martin Martina
        Martins Mārtiņš Marva Marwan Mary Maryam Mason Masood Massimo Mateusz Matheus Mathias
        Mathieu Mathilde Matilda Mats Matt Matteo Matthew Matthias Matthieu Mattie Maud Maureen
        Maurice Maurizio Mauro Max Maxine Maxwell May Mazen Małgorzata Medwyn Meena Meera Megan
        Mehdi Mehmet Mehmood Mehul Mei Meinir Meir Meirion Mekdes Mel Melanie Mélanie Melek Melis
        Melissa Melody Meltem Menachem Mendel Mercedes Mercy Meredith Meredydd Merline Meron Merve
        Mhairi Mia Michael Michal Michał Micheal Mícheál Michel Michela Michele Michèle Michelle
        Mick Micky Miguel Mihaela Mihai Mikael Mike Mikey Mikolaj Mikołaj Milan Mildred Miles Milica
        Millie Milly Milos Miloš Min-ji Min-jun Mina Mindaugas Ming Mingyu Minh Minnie Miranda
        Miriam Miroslav Miroslaw Mirosław Mirren Mitchell Mitra Mizanur Mo Modupe Mohamed Mohammad
        Mohammed Mohan Mohannad Mohinder Moira Moishe Molly Mona Monica Mónica Monika Monique Monir
        Montague Monty Morag Mordechai Morgan Morris Mortimer Moses Moshe Mosun Mounia Mounir
        Mubarak Muhammad Muireann Mujtaba Mukesh Mulugeta Mumtaz Munir Murali Murat Murdo Muriel
        Murray Musa Mustafa Myer Myfanwy Mykhailo Mykola Myra Myrtle Nabil Nachman Nada Nadeem Nader
        Nadia Nadine Nadir Nadiya Naeem Nafisa Najib Najla Nancy Naoko Naomi Naresh Nasir Nasreen
        Nasrin Nasser Nat Natalia Natalie Nataliya Natalya Natasha Nathalie Nathan Nathaniel Natoya
        Navdeep Naveed Navid Navjot Navneet Nawal Nawaz Nazanin Nazia Nazir Nazma Ned Neda Neelam
        Neema Neha Neil Nell Nellie Nerys Nesrin Nesta Neville Ngoc Ngozi Nhung Nia Niall Niamh
        Nicholas Nick Nicky Nicola Nicolas Nicole Nicoleta Nicos Niels Nigel Nik Nikhil Nikita Nikki
        Nikola Nikolai Nikolaos Nikolay Nikos Nilesh Nils Nima Nina Ning Niran Nirmal Nirmala Nisha
        Nitin Njeri Nkechi Nkem Nkosana Noa Noah Noam Noel Noemie Noémie Nomvula Noor Nora Noreen
        Norma Norman Nosipho Nour Noura Nova Nuala Nuno Nur Nuri Nuria Nyasha Obinna Octavia
        Octavius Odhran Odhrán Odile Oguz Oğuz Oisin Oisín Oksana Ola Olaf Olamide Oleg Oleh
        Oleksandr Oleksandra Oleksiy Olena Olga Olive Oliver Olivia Olivier Ollie Olly Olof Olumide
        Olusegun Oluwafemi Oluwakemi Oluwaseun Oluwatobi Olwen Omar Omid Ondrej Ondřej Onur Onyeka
        Oonagh Opal Ophelia Ora Oran Orhan Orla Orlaith Orly Orville Osama Oscar Osian Oskar Osman
        Oswald Otto Ovidiu Owain Owen Ozge Özge Ozlem Özlem Pablo Paco Paddy Padma Padraic Padraig
        Pádraig Paige Paloma Pamela Panagiotis Panayiota Panayiotis Pankaj Pansy Paola Paolo
        Paramjit Parisa Parminder Parveen Parvinder Parviz Pascal Pascale Pat Patience Patricia
        Patrick Patrizia Patrycja Patsy Paul Paula Paulette Paulina Pauline Paulo Pavel Pavla Pavlos
        Pawel Paweł Peadar Pearl Pedro Pegah Peggy Peigi Penelope Peng Penny Percival Percy
        Peregrine Petar Pete Peter Petr Petra Petro Petros Phil Philip Philippa Philippe Phillip
        Phoebe Phoenix Phuong Phyllis Pia Pierre Pieter Pietro Pilar Pinchas Ping Piotr Pip Pippa
        Pól Polly Pooja Poppy Pradeep Prakash Pramod Pranav Prasanna Precious Prem Primrose
        Priscilla Priti Priya Priyanka Pru Prudence Przemyslaw Przemysław Qasim Qian Qiang Qing
        Quang Quentin Quinn Quynh Rabia Rachel Rachid Radoslaw Radosław Radu Rafael Rafaela Rafal
        Rafał Raffaele Rafiq Rafiqul Rahim Rahman Rahul Rainer Raj Rajan Rajeev Rajesh Rajinder
        Rajiv Rakesh Ralf Ralph Raluca Ram Ramandeep Ramesh Rami Ramon Ramón Ramone Rana Randa Rani
        Rania Ranjit Raquel Rasa Rasha Rasheed Rashid Rashmi Rasmus Raul Raúl Ravi Ravinder Ray
        Raymond Razvan Răzvan Rebecca Rebin Recep Reece Reem Reena Reese Reggie Regina Reginald
        Regis Régis Rehana Rehema Rekha Remi Rémi Remy Ren Renata Renee Renée Reuben Rex Reza Rhian
        Rhiannon Rhoda Rhodri Rhona Rhonwen Rhydian Rhys Riad Rian Ricardo Riccardo Rich Richard
        Rick Ricky Riku Riley Rima Rina Riona Ríona Rishi Rita Ritu River Rivka Rivkah Rizwan
        Rizwana Rob Robbie Robert Roberta Roberto Robin Robyn Rocco Rocio Rocío Rocky Rod Rodel
        Rodney Rodrigo Roger Rohan Rohit Roisin Róisín Rokeya Roman Ron Rona Ronald Ronan Ronnie
        Rory Rosa Rosalind Rosaria Rosario Rose Rosemary Roshni Rosie Ross Rowan Rowena Roy Roya Roz
        Ruairi Ruairí Ruairidh Ruaridh Rubel Rubina Ruby Rudo Rufus Rui Rukhsana Rumana Ruoxi Rupert
        Rupinder Ruslan Russell Ruta Rutendo Ruth Ruud Ryan Ryszard Saad Sabine Sabir Sabrina Sachin
        Sade Sadhbh Sadia Sadie Saeed Safia Sagal Sage Sahar Said Saida Saiful Saima Sajid Sajjad
        Sakura Sal Salah Saleh Salem Salim Sally Salma Salvatore Sam Samantha Sameer Samer Sami
        Samia Samina Samir Samira Samuel Sana Sandeep Sander Sandra Sandrine Sandy Sangeeta Sanjay
        Sanjeev Sanne Santiago Santosh Saoirse Sara Sarah Sarbjit Sarita Sasha Saskia Satish Satnam
        Satoshi Saul Savita Scarlett Scott Seamus Séamus Sean Seán Sebastian Sebastien Sébastien
        Seema Segun Selam Selin Selina Senthil Seo-yeon Seonaid Seosamh Septimus Seren Serena
        Serenity Serge Sergei Sergey Sergio Sérgio Serhiy Serkan Seth Seun Sevgi Shabana Shabnam
        Shadi Shafiqul Shaheen Shahid Shahida Shahram Shaista Shakeel Shakira Shalini Shalom Shamim
        Shamima Shan Shane Shanice Shannon Shantel Shanti Sharif Sharmaine Sharmila Sharon Shauna
        Shay Shazia Sheelagh Sheila Sherif Shilan Shilpa Shimon Shira Shirin Shirley Shiv Shlomo
        Shmuel Shoaib Shobha Shona Shoshana Shota Shreya Shu Shyam Sian Siân Sibel Sibusiso Sid
        Sidney Sienna Sigrid Silas Silke Silvia Simcha Simon Simona Simone Simran Simranjit Sinan
        Sinead Sinéad Siobhan Siobhán Sion Siôn Sioned Sipho Siriporn Sita Siyu Sky Skye Slawomir
        Smita Sneha Sofia Sofía Sofiane Sofiya Sohail Soheila Sohel Sol Solene Solène Solomon
        Solveig Somchai Sonal Songul Songül Sonia Sonny Soo Sophia Sophie Sora Sorcha Sorin Soufiane
        Spyros Stacey Stan Stanislaw Stanisław Stanley Stavros Stefan Ștefan Stefania Stefano
        Steffan Steffen Stella Steph Stephane Stéphane Stephanie Stephen Steve Steven Stevie Stewart
        Stig Struan Stuart Sue Suha Sukhbir Sukhdev Sukhjinder Sukhwinder Sultana Summer Sung Sunil
        Sunita Sunny Suresh Surinder Susan Sushila Suzanne Sven Svetla Svetlana Svitlana Swati Syed
        Sylvain Sylvester Sylvia Sylvie Szymon Sławomir Tadeusz Tadhg Tafadzwa Tahir Tahmina Takeshi
        Talha Tali Taliesin Tam Tamar Tamer Tamsin Tanisha Tanveer Tanvi Tanya Tao Tara Taras Tarek
        Tariq Tarlochan Tash Tasha Tasneem Tatenda Tatiana Taylor Tayyab Ted Teddy Tegan Tegwen
        Tejinder Telmo Temitope Tendai Terence Teresa Tereza Terri Terry Tesfaye Tess Tessa Tetiana
        Tevin Thabo Thais Thandeka Thandiwe Thanh Thanos Thao Themba Theo Theodora Theodore Theresa
        Thiago Thibault Thierry Thijs Thomas Thorsten Thuy Tia Tiago Tian Tiernan Tiffany Tigist
        Tilly Tim Timothy Tina Tinashe Ting Tirion Tiziana Tobi Tobias Toby Todd Tolu Tom Tomás
        Tomasz Tommaso Tommy Tomoko Tomos Tonderai Toni Tony Tope Torquil Torsten Tova Tove Tracey
        Tracy Trang Travis Treasa Trefor Trevon Trevor Trinity Tristan Troy Trudy Trung Tsegaye
        Tsion Tsvetelina Tuan Tuba Tudur Tugba Tuğba Tunde Tuyet Tyler Tyrone Tzvi Ubah Uche Uchenna
        Ufuk Ulf Ulla Ulrich Ulrike Ultan Uma Umair Umar Umut Una Úna Unity Urszula Usha Usman Ute
        Uwe Uzma Vadim Valentin Valentina Valeria Valerie Valérie Valerio Vanessa Varun Vasilis
        Vassilis Vasyl Vera Verity Veronica Veronique Véronique Vic Vicente Vicky Victor Victoria
        Vijay Vikas Vikram Viktor Viktoria Viktoriya Vinay Vince Vincent Vincenzo Vinh Vinicius
        Vinod Violet Virgil Virginia Vishal Vito Vitor Vítor Vitória Vittoria Viv Vivek Vivian
        Vivienne Vlad Vladimir Volkan Volodymyr Vy Vytautas Wael Wahid Waleed Walid Wallace Walter
        Wanjiku Wanjiru Waqar Warren Waseem Wayne Wei Wen Wendy Werner Wes Wesley Whitney Wiktor
        Wiktoria Wilfred Wilfrid Will Willem William Willie Willow Wim Winifred Winnie Winsome
        Winston Witold Wojciech Wolfgang Wouter Wyn Xander Xanthe Xavier Xia Xiang Xiao Ximena Xin
        Xinyi Xiu Xue Yaa Yaakov Yael Yahya Yan Yana Yann Yannick Yara Yaroslav Yasaman Yasemin Yash
        Yasmeen Yasmin Yasser Yassine Yaw Yehuda Yehudit Yemi Yen Yetunde Yi Yianni Yiannis Yichen
        Ying Yiran Yitzhak Yogesh Yolanda Yonas Yonatan Yong Yordan Yosef Yossi Younes Yousef
        Youssef Yousuf Yu Yui Yuki Yuko Yulia Yuliya Yumi Yun Yuri Yury Yusuf Yuxuan Yves Yvette
        Yvonne Zac Zach Zachariah Zachary Zaheer Zahid Zahra Zaid Zain Zainab Zak Zakir Zana Zanele
        Zara Zawadi Zayn Zbigniew Ze'ev Zeeshan Zehra Zeinab Zev Zeynep Zhen Zhi Ziad Ziba Zihan
        Zixuan Zodwa Zoe Zoé Zoë Zofia Zola Zoltan Zoltán Zoran Zoryana Zsuzsanna Zubair Zubin
        Zulfiqar Zuzana Zuzanna Zvi Łukasz
        """)

    /// Ordinary words that, capitalised at the start of a sentence, are never part of a person's
    /// name when a capitalised word follows: connectives and sentence adverbs, pronouns and
    /// determiners, prepositions, auxiliaries, imperatives common in documents and greetings.
    /// Leaves out every word on `givenNames` (Will, May, Grace, Mark, Frank) and words that are
    /// common surnames (Young, Long, Best, Little, Good).
    /// Source: compiled by hand for Docket in 2026; not exhaustive.
    static let sentenceWords: Set<String> = words(
        """
        A Able Aboard About Above Absent Absolutely Accepted According Accordingly Acknowledging
        Across Actually Add Added Additional Additionally Adds Admits Admitted Admittedly After
        Afternoon Afterwards Again Against Agreed Agrees Ah Ahead Alarmingly Alas Albeit All Alleged
        Allow Almost Along Alongside Already Alright Also Alternatively Although Altogether Always
        Am Amid Amidst Among Amongst An And Anew Announced Annually Another Any Anybody Anyhow
        Anyone Anything Anyway Anywhere Apart Apologies Apparently Appears Apply Appropriate Are
        Aren't Arguably Argued Argues Around Arrange As Aside Ask Asked Asking Asks Assuming At Atop
        Attach Attached Attending Attn Available Average Avoid Bad Barely Barring Based Basically Be
        Bearing Became Because Becomes Been Before Beforehand Began Behind Being Believed Believes
        Below Beneath Beside Besides Better Between Beyond Big Billion Both Brief Briefly Bring
        Broadly But By Call Called Came Can't Candidly Cannot Certain Certainly Check Cheers Choose
        Claimed Claims Clear Clearly Click Collectively Comes Comparatively Compare Complete
        Conceded Concedes Concerning Concurrently Confirm Confirms Congratulations Consequently
        Consider Considerable Considering Contact Continue Continued Conversely Copy Correspondingly
        Could Couldn't Countless Create Crucially Curiously Current Currently Daily Dear Decided
        Definitely Delete Delighted Demanded Denied Denies Describe Despite Did Didn't Different
        Difficult Discuss Do Does Doesn't Doing Don't Done Doubtless Down Download Dozens Due During
        Each Earlier Easy Eight Eighth Eighty Either Eleven Else Elsewhere Email Enclosed Enough
        Ensure Enter Entire Equally Especially Essential Essentially Even Evening Eventually Ever
        Every Everybody Everyone Everything Everywhere Evidently Exactly Except Excluding Existing
        Explain Explained Explains Externally Extra Failed Faithfully Feared Fears Feels Felt Few
        Fewer Fifteen Fifth Fifthly Fifty Fill Final Finally Financially Find First Firstly Five
        Follow Following For Formally Former Formerly Forthwith Fortunately Forty Forward Found Four
        Fourth Fourthly Frankly Frequently From Fundamentally Further Furthermore Gave Generally Get
        Getting Give Given Glad Globally Go Goes Goodbye Goodnight Got Greetings Had Hadn't Half
        Happily Happy Hard Hardly Has Hasn't Have Haven't Having He He'd He'll He's Heard Held Hello
        Help Helped Hence Henceforth Her Here Here's Hereafter Hereby Herein Heretofore Hers Herself
        Hey Hi Him Himself His Historically Hitherto Honestly Hoped Hopefully Hopes How However
        Hundred Hundreds I I'd I'll I'm I've Ideally Identify If Immediately Important Importantly
        In Inappropriate Incidentally Include Including Increasingly Indeed Inevitably Inform
        Informally Informed Initially Inside Insisted Insists Instantly Instead Insufficient
        Interesting Interestingly Internally Into Ironically Irrelevant Irrespective Is Isn't It
        It'll It's Its Itself Join Just Keep Kept Kind Knew Knowing Knows Largely Last Lastly Lately
        Later Latter Latterly Least Left Legally Less Lest Let Let's Like Likely Likewise List
        Locally Log Logically Look Looking Lots Luckily Made Main Mainly Make Making Managed Many
        Maybe Me Meanwhile Merely Met Might Mightn't Million Millions Mine Minus Monthly More
        Moreover Morning Most Mostly Moving Much Must Mustn't My Myself Namely Nationally Naturally
        Near Nearby Nearly Necessary Need Needed Needn't Needs Neither Never Nevertheless New Next
        Nine Ninety Ninth No Nobody None Nonetheless Nor Normally Not Notably Note Noted Notes
        Nothing Notify Noting Notwithstanding Now Nowadays Nowhere Numerous Obvious Obviously
        Occasionally Of Off Officially Often Oh Okay On Once One Ones Only Onto Open Opposite Or
        Ordinarily Originally Other Others Otherwise Ought Our Ours Ourselves Out Outside Over
        Overall Overleaf Overnight Own Particular Particularly Passed Past Pending Per Perhaps
        Personally Phone Please Pleased Plenty Plus Politically Possible Possibly Potentially
        Practically Predictably Present Presently Presumably Previous Previously Primarily Print
        Privately Probably Promptly Proper Provide Provided Providing Publicly Put Quite Raised
        Rarely Rather Re Real Realistically Really Received Recent Recently Recognising Recognizing
        Refer Referring Refused Regarding Regardless Regards Regrettably Rejected Relatively
        Relevant Remained Remains Remarkably Remember Remove Replied Reply Reportedly Request
        Respectfully Respectively Respond Responding Return Returning Revealed Right Ring Roughly
        Round Sadly Same Save Saying Says Scarcely Second Secondly See Seeing Seemed Seemingly Seems
        Sees Seldom Send Sent Separately Serious Seriously Seven Seventh Seventy Several Shall
        Shan't Share She She'd She'll She's Shortly Should Shouldn't Shows Sign Significant
        Significantly Similar Similarly Simple Simply Simultaneously Since Sincerely Six Sixth Sixty
        So Some Somebody Someone Something Sometimes Somewhere Soon Sorry Speak Speaking Specific
        Specifically Spoke Start Stated Statistically Still Stood Stop Strangely Subject Submit
        Subsequently Such Suddenly Sufficient Suggested Suggests Supposedly Supposing Sure Surely
        Surprisingly Take Taking Technically Tell Telling Tells Ten Tenth Than Thank Thankfully
        Thanking Thanks That That's The Their Theirs Them Themselves Then Thence There There's
        Thereafter Thereby Therefore Therein Thereof Thereupon These They They'd They'll They're
        They've Thinking Thinks Third Thirdly Thirteen Thirty This Those Though Thought Thousand
        Thousands Three Through Throughout Thus Tick Till Today Together Told Tomorrow Tonight Too
        Took Total Toward Towards Traditionally Tried True Truly Try Turn Twelve Twenty Twice Two
        Type Typically Ultimately Unable Unclear Under Underneath Understandably Undoubtedly
        Unfortunately Unhappily Unless Unlike Unlikely Unquestionably Unsurprisingly Until Unto Up
        Update Upload Upon Urged Us Use Using Usual Usually Various Versus Very Via Visit Vote Vs
        Wait Wanted Wants Warm Warmest Warmly Warned Warns Was Wasn't Watch We We'd We'll We're
        We've Weekly Welcome Welcoming Well Went Were Weren't What What's Whatever When Whence
        Whenever Where Where's Whereabouts Whereas Whereby Wherein Whereupon Wherever Whether Which
        Whichever While Whilst Who Who's Whoever Whole Whom Whose Why With Within Without Won't
        Worse Worst Would Wouldn't Wow Write Writing Wrong Wrote Yearly Yes Yesterday Yet You You'd
        You'll You're You've Your Yours Yourself Yourselves Zero
        """)

    /// Capitalised words that name organisations, bodies, places, buildings, events, documents,
    /// roles, laws and periods: a capitalised run that contains one is not a person's name
    /// ("Charity Commission", "Trades Council"). Leaves out every word on `givenNames` and words
    /// that are also common surnames (Hill, Green, King, Church, Lane, Day).
    /// Source: compiled by hand for Docket in 2026; not exhaustive.
    static let thingWords: Set<String> = words(
        """
        ACAS ASLEF Academies Academy Acas Accord Accounts Act Acting Acts Addendum Administration
        Administrator Advent Advertiser Adviser Advisor Advocate Afghan African Age Agencies Agency
        Agenda Agent Ages Agreement Agreements Airlines Airport Airports Airways Albion Alderman
        Aldermen Alliance Ambassador Amendment Amendments American Amnesty Analyst Anglican
        Anglo-Saxon Annex Annexe Anniversary Annual Antarctic Appeal Appellant Appendices Appendix
        Applicant Applicants Apprentice Aquarium Arab Arabic Arcade Archbishop Architect Archive
        Archives Arctic Arena Argus Armistice Arms Article Articles Asian Aslef Assembly Assemblyman
        Assessment Assessor Assistant Associate Associates Association Associations Assurance
        Athletic Atlantic Attorney Auction Audit Auditor Auditor-General Australian Authorities
        Authority Avenue Award Awards BBC BECTU Bailiff Baisakhi Ballot Ballots Baltic Bangladeshi
        Bank Baptist Barbecue Barracks Barrister Barristers Base Basilica Baths Bay Bazaar Beach
        Bectu Belgian Bench Blitz Bloc Board Boards Bonfire Books Borough Boroughs Branch Branches
        Breakfast Brexit Bridge Briefing British Broadcast Broadcasting Buddhist Budget Budgets
        Building Buildings Bulletin Bureau By-election Byelaws Bylaws CBI CPS CQC Cabinet Campaign
        Campaigns Campus Canadian Canal Candlemas Cape Capital Caribbean Carnival Caseworker
        Cathedral Catholic Caucus Celebration Celtic Cemetery Census Center Central Centre Centres
        Century Ceremony Chair Chairman Chairperson Chairs Chairwoman Chamber Championship
        Championships Chancellor Chancellors Channel Chanukah Chapel Chaplain Chapter Chapters
        Charities Charter Chief Chinese Christmas Chronicle Cinema Circus Cities Citizens City Civic
        Civil Claimant Claimants Clause Clauses Clerk Clinic Clinics Close Club Clubs Co-Chair
        Co-operative Co-ordinator Coalition Coast Code Codes Collective College Colleges Colonial
        Commission Commissioner Commissioners Commissions Committee Committees Common Commons
        Commonwealth Communications Communist Communists Companies Company Complainant Complainants
        Comptroller Conduct Confederacy Confederation Conference Conferences Congress Congressman
        Congresswoman Conservative Conservatives Constable Constituencies Constituency Constitution
        Constitutional Construction Consultant Consultation Consulting Controller Convener Convenor
        Convent Convention Conventions Cooperative Coordinator Coronation Coroner Corporation
        Correspondent Cottage Council Councillor Councillors Councils Counsel Counties County
        Courier Court Courthouse Courts Crematorium Crescent Criminal Crisis Crown Cup Curator
        Cypriot DUP DVLA DVSA DWP Declaration Defendant Delegate Delegates Democrat Democratic
        Democrats Demonstration Department Departments Depot Depression Deputy Detective
        Developments DfE Digital Dinner Diocese Directive Directives Director Directorate Directors
        Directory Disco District Districts Division Diwali Dock Docklands Docks Drive Dutch Dynasty
        EHRC EU East Easter Eastern Echo Economic Editor Educational Edwardian Eid Election
        Elections Electoral Electric Elizabethan Embankment Emeritus Empire Employee Employees
        Employer Employers Energy Engineer Enlightenment Enterprises Entertainment Epiphany Equinox
        Equity Era Eritrean Estate Estates Estimates Estuary Ethiopian European Evangelical Examiner
        Exchequer Executive Executor Exhibition Expo Express Extraordinary FC Faction Factory
        Faculty Fair Farm Federal Federation Fen Fens Festival Festivals Fete Finance Finnish Firth
        Foods Forest Forests Fortnight Forum Foundation Framework Front Fund Fundraiser Funds GCHQ
        GMB GMC Gala Galleries Gallery Games Garage Garden Gardens Gas Gate Gazette General Georgian
        Ghanaian Government Governments Governor Governors Grand Great Greater Greek Greens Group
        Groups Guardian Guidance Guidelines Guild Gurdwara HM HMRC HQ HSE Halloween Handbook Hansard
        Hanukkah Harbour Headmaster Headmistress Headquarters Headteacher Hearing Hearings Herald
        Heritage High Higher Highlands Hindu History Hogmanay Holdings Holi Holiday Holidays Homes
        Honorary Hospice Hospital Hospitals Hotel Hotspur House Houses Housing Hustings ICO IMF ITV
        Imperial Inc Independent Independents Index Indian Industries Infirmary Initiative Inn Inner
        Inns Inquest Inquiries Inquiry Inspector Inspectorate Inspectors Institute Institution
        Institutions Insurance Interim International Investigation Investigations Investments
        Iranian Iraqi Irish Islamic Island Islands Isle Isles Italian Jamaican Japanese Jewish
        Jobcentre Joint Journal Jubilee Judge Judges Judicial Juneteenth Junior Justice Justices
        Kenyan Kingdom Korean Kurdish Kwanzaa LLP Laboratories Labour Labs Landlord Leader Leaders
        League Lecturer Legal Legislature Leisure Lent Liaison Liberal Liberals Librarian Libraries
        Library Lido Limited Liquidator Local Loch Lockdown Lodge Logistics Lords Lough Lower
        Lowlands Ltd Lunch Luncheon MEPs MPs MSPs Magazine Magistrate Magistrates Mail Mall Manager
        Managers Mandir Manifesto Manor Manual Marathon March Marches Market Marshal Mayor Mayors
        Media Medical Medieval Mediterranean Meeting Meetings Member Members Membership Memorandum
        Memorial Mercury Methodist Metropolitan Mews Michaelmas Middle Midsummer Military Minister
        Ministerial Ministers Ministries Ministry Minster Minutes Mirror MoD Monarchy Monastery
        Monitor Month Months Monument Moor Moors Mosque Motion Motions Motors Mount Mountain
        Mountains Movement Municipal Museum Museums Muslim Mutual NASUWT NATO NEU NHS NMC NSPCC
        National Nationalist Nationalists Naval Navratri Negotiator Network Networks News Newsletter
        Nigerian North Northern Norwegian Nurse Nursery Nurses OBR Observatory Observer Ocean Oceans
        Ofcom Office Officer Officers Offices Official Officials Ofgem Ofsted Ofwat Old Olympic
        Olympics Ombudsman Ombudsperson Online Order Orders Ordinance Organiser Organisers Organizer
        Orthodox Outer Oxfam PCS PLC Pacific Pakistani Palace Pandemic Panel Panels Paper Papers
        Parade Paragraph Paragraphs Paralympic Paralympics Parents Parish Parishes Park Parliament
        Parliamentary Parliaments Part Parties Partners Partnership Parts Party Passover Patients
        Patron Pavilion Peers Peninsula Pentecost Period Permanent Pesach Petition Pharmaceuticals
        Pharmacy Picnic Pictures Pier Place Plaintiff Plan Planner Plans Plaza Plc Podcast Police
        Policies Policy Polish Political Polytechnic Port Portuguese Post Practice Practitioner
        Precinct Premier Presbyterian President Presidential Presidents Presiding Press Pride Prime
        Principal Priory Prison Prisons Prize Procedure Procedures Procession Productions Program
        Programme Programmes Progressive Project Projects Properties Proposal Proposals Prosecutor
        Prospect Protest Protestant Protests Protocol Province Provinces Provisional Provost Public
        Publishing Pupils Purim Quaker Quay Quiz RMT RNLI RSPB RSPCA Radio Raffle Rail Railway
        Railways Rallies Rally Ramadan Rangers Rapporteur Rd Receiver Reception Recess Recession
        Recorder Records Recruitment Referendum Reform Reformation Region Regional Regions Register
        Registrar Registrar-General Registry Regulation Regulations Regulator Remembrance
        Renaissance Report Reporter Reports Representative Representatives Republic Republican
        Republicans Researcher Reservoir Residents Resolution Resolutions Respondent Respondents
        Restoration Retail Review Reviews Revolution Ride Rise Road Roads Room Rooms Rovers Row
        Royal Rule Rulebook Rules Run Rural Russian SDLP SNP Schedule Schedules Scheme Schemes
        School Schools Scottish Scrutineer Sea Seas Secretariat Secretaries Secretary
        Secretary-General Section Sections Sector Select Seminar Senate Senator Senators Senior
        Sentinel Sergeant Service Services Session Shareholders Shavuot Sheriff Show Shrove Sikh
        Social Socialist Socialists Societies Society Software Solicitor Solicitors Solstice
        Solutions Somali South Southern Spanish Speaker Special Spokesman Spokesperson Spokeswoman
        Sponsor Square St Stadium Staff Stakeholders Standard Standing State Statement Statements
        States Station Stations Statute Statutes Statutory Steward Stewards Stores Strait Straits
        Strategy Street Streets Strike Strikes Student Students Studio Studios Sub-committee
        Subcommittee Submission Sudanese Sukkot Summit Superintendent Supermarkets Supervisor Supper
        Supreme Surgery Survey Surveyor Swedish Swiss Synagogue Syrian Systems TUC Tavern Teacher
        Teachers Team Teams Technician Technologies Telecom Telegraph Television Tenant Tenants Term
        Terminal Terrace Territories Territory TfL Thanksgiving Theater Theatre Theatres Times
        Tombola Tories Tory Tournament Tower Towers Town Towns Trainee Training Transport Treasurer
        Treasury Treaties Treaty Tribunal Tribunals Tribune Trophy Trust Trustee Trustees Trusts
        Tunnel Turkish Tutor UCU UK UKIP UN UNESCO UNICEF UNISON USDAW Ukrainian Under-Secretary
        Undersecretary Union Unionist Unionists Unions Unison Unit Unite United Universities
        University Upper Urban Usdaw Vaisakhi Vale Valley Valleys Ventures Vice Vice-Chair
        Vice-Chancellor Vice-President Victorian Vigil Viking Villa Village Villages Voluntary
        Volunteer Volunteers Voters Walk Wanderers War Warden Wards Warehouse Wars Way Week Weekend
        Weeks Western Wetlands Wharf Whip Whips Whitsun   Worker Workers Works
        Workshop YMCA Yard Year Yearbook Years Zoo
        """)

    /// Single-word names of UK cities, towns, counties, regions and London areas, with some Irish
    /// and major world places, countries and continents. Leaves out places whose names are common
    /// surnames (Preston, Lincoln, Chester, Stafford, Windsor, Bolton).
    /// Source: compiled by hand for Docket in 2026; not exhaustive.
    static let places: Set<String> = words(
        """
        Aberdeen Aberdeenshire Aberystwyth Abuja Accra Accrington Acton Afghanistan Africa Albania
        Aldershot Algeria Algiers Altrincham America Americas Amman Amsterdam Andover Anglesey
        Angola Ankara Antarctica Antrim Arbroath Argentina Argyll Armagh Armenia Ashford Asia Athens
        Athlone Atlanta Auckland Australia Austria Aylesbury Ayr Ayrshire Azerbaijan Baghdad Bahamas
        Bahrain Baku Balkans Ballymena Banbury Bangalore Bangkok Bangladesh Bangor Barbados
        Barcelona Barking Barnet Barnsley Barnstaple Barrow-in-Furness Basildon Basingstoke Bath
        Batley Battersea Bedford Bedfordshire Beijing Beirut Belarus Belfast Belgium Belgrade
        Bengaluru Berkshire Berlin Bermondsey Bermuda Berwick Bexhill Bexley Bicester Birkenhead
        Birmingham Blackpool Bloomsbury Bognor Bootle Bosnia Boston Botswana Bournemouth Bracknell
        Bradford Braintree Bratislava Brazil Brecon Brent Brentwood Bridgend Bridgwater Brighton
        Bristol Britain Brixton Bromley Brussels Bucharest Buckinghamshire Budapest Bulgaria Burnley
        Bury Caernarfon Caerphilly Cairo Camberwell Cambridge Cambridgeshire Camden Cameroon Canada
        Cannock Canterbury Cardiff Carlisle Carmarthen Carmarthenshire Casablanca Catford Cavan
        Ceredigion Chatham Chelmsford Cheltenham Chennai Cheshire Chesterfield Chicago Chichester
        Chile China Chippenham Chiswick Chorley Cirencester Clacton Clapham Clerkenwell Cleveland
        Colchester Coleraine Colombia Colombo Congo Conwy Copenhagen Corby Cork Cornwall Cotswolds
        Coventry Craigavon Crawley Crewe Croatia Croydon Cuba Cumbernauld Cumbria Cwmbran Cymru
        Cyprus Czechia Dagenham Dakar Dalston Damascus Darlington Dartford Delhi Denbighshire
        Denmark Deptford Derby Derbyshire Derry Devon Dewsbury Dhaka Doha Doncaster Donegal
        Dorchester Dorking Dorset Dover Drogheda Dubai Dublin Dulwich Dumfries Dumfriesshire Dundalk
        Dundee Dunfermline Durham Ealing Eastbourne Edgware Edinburgh Egypt Eire Éire Ely Enfield
        England Enniskillen Epsom Eritrea Eryri Essex Estonia Ethiopia Eurasia Europe Exeter Falkirk
        Farnborough Felixstowe Fermanagh Fife Finchley Finland Flintshire Folkestone France
        Frankfurt Fulham Gaborone Galway Gambia Gateshead Gaza Gdansk Gdańsk Geneva Germany Ghana
        Gillingham Glamorgan Glasgow Gloucester Gloucestershire Gosport Grantham Gravesend Greece
        Greenwich Grenada Grimsby Guildford Guyana Gwent Gwynedd Hackney Haiti Halifax Hamburg
        Hammersmith Hampshire Hampstead Hanoi Harare Haringey Harrogate Harrow Hartlepool Havant
        Haverfordwest Havering Hebrides Helsinki Hendon Hereford Herefordshire Hertford
        Hertfordshire Hexham Highbury Highgate Hillingdon Holborn Holyhead Holyrood Homerton Hornsey
        Hounslow Hove Huddersfield Hull Humberside Hungary Huntingdon Hyderabad Iceland Ilford
        Indonesia Inverness Ipswich Iran Iraq Ireland Islamabad Islington Istanbul Italy Jakarta
        Jamaica Japan Jerusalem Johannesburg Kabul Kampala Karachi Kathmandu Kendal Kennington
        Kensington Kent Kenya Keswick Kettering Kharkiv Khartoum Kidderminster Kiev Kigali Kilburn
        Kildare Kilkenny Kilmarnock Kingston Kinshasa Kirkcaldy Kirkwall Kolkata Kosovo Krakow
        Kraków Kuwait Kyiv Lagos Lahore Lambeth Lanarkshire Lancashire Laois Larne Latvia Leamington
        Lebanon Leeds Leicester Leicestershire Leitrim Lerwick Lewisham Leyton Leytonstone Libya
        Lichfield Limerick Lincolnshire Lisbon Lisburn Lithuania Liverpool Ljubljana Llandudno
        Llanelli London Londonderry Longford Lothian Loughborough Louth Lowestoft Luanda Lusaka
        Luton Luxembourg Lviv Macclesfield Macedonia Madrid Maidenhead Maidstone Malawi Malaysia
        Malta Manchester Manila Margate Marylebone Mayfair Mayo Meath Melbourne Merseyside Merthyr
        Merton Mexico Miami Middlesbrough Middlesex Midlands Milan Minsk Mitcham Mogadishu Moldova
        Monaco Monmouthshire Montenegro Montreal Moray Morden Morocco Moscow Motherwell Mozambique
        Mumbai Munich Nairobi Namibia Naples Neath Nepal Netherlands Newbury Newcastle
        Newcastle-upon-Tyne Newham Newport Newry Nicosia Nigeria Norfolk Northampton
        Northamptonshire Northumberland Norway Norwich Nottingham Nottinghamshire Nuneaton Oban
        Oceania Odesa Offaly Oldham Omagh Oman Orkney Oslo Ottawa Oxford Oxfordshire Paddington
        Pakistan Palestine Paris Peckham Pembrokeshire Pennines Penzance Perth Perthshire Peru
        Peterborough Philadelphia Philippines Pimlico Plaistow Plymouth Poland Pontypridd Poplar
        Portadown Porthcawl Portsmouth Portugal Powys Prague Pristina Putney Qatar Reading Redbridge
        Redditch Reigate Renfrewshire Reykjavik Rhyl Riga Riyadh Rochdale Rochester Romania Rome
        Romford Roscommon Rotherham Rotherhithe Rotterdam Rugby Runcorn Russia Rutland Rwanda
        Salford Salisbury Sarajevo Scandinavia Scarborough Scotland Scunthorpe Senegal Seoul Serbia
        Seville Shanghai Sheffield Shetland Shoreditch Shrewsbury Shropshire Singapore Skopje Sligo
        Slough Slovakia Slovenia Snowdonia Soho Solihull Somalia Somaliland Somerset Southall
        Southampton Southend Southend-on-Sea Southport Southwark Spain Staffordshire Stepney
        Stevenage Stockholm Stockport Stockton Stockwell Stoke Stoke-on-Trent Stormont Stornoway
        Stourbridge Stranraer Strasbourg Stratford Stratford-upon-Avon Strathclyde Streatham Sudan
        Suffolk Sunderland Surrey Sussex Swansea Sweden Swindon Switzerland Syria Taiwan Tallinn
        Tamworth Tanzania Tashkent Taunton Tbilisi Teesside Tehran Tenby Thailand Tipperary Tirana
        Tobago Tokyo Tonbridge Tooting Toronto Torquay Tottenham Tralee Trinidad Truro Tunbridge
        Tunis Tunisia Turkey Twickenham Tyneside Uganda Ukraine Ulster Uxbridge Valletta Vancouver
        Vauxhall Venezuela Venice Vienna Vietnam Vilnius Wales Walsall Walthamstow Walworth
        Wandsworth Wapping Warrington Warsaw Warwickshire Washington Waterford Watford Wearside
        Wellingborough Wembley Westminster Wexford Whitby Whitechapel Whitehall Wicklow Wigan
        Wiltshire Wimbledon Winchester Woking Wolverhampton Woolwich Worcester Worcestershire
        Worthing Wrexham Wroclaw Yemen Yeovil Yerevan York Yorkshire Zagreb Zambia Zimbabwe Zurich
        """)

    /// Multi-word proper names of organisations, bodies, places, events, offices and documents that
    /// a rule of "a run of capitalised words" would take for a person's name, especially those
    /// that contain a given name or a surname ("Victoria Park", "Guy's Hospital", "Wood Green").
    /// One per line, with their lower-case function words ("Court of Appeal").
    /// Source: compiled by hand for Docket in 2026; not exhaustive.
    static let phrases: [String] = lines(
        """
        Abu Dhabi
        Addenbrooke's Hospital
        Addis Ababa
        Advisory Conciliation and Arbitration Service
        Albert Dock
        Albert Embankment
        Albert Square
        Alder Hey Children's Hospital
        Alexandra Palace
        Alexandra Park
        Alliance Party
        Amnesty International
        Annual Conference
        Annual General Meeting
        Antigua and Barbuda
        Appeals Committee
        Armed Forces
        Armistice Day
        Arts Council England
        Assistant General Secretary
        Aston Villa
        Atlantic Ocean
        Attorney General
        Audit Committee
        Baker Street
        Bakerloo line
        Bakers Food and Allied Workers Union
        Bank Holiday
        Bank of England
        Bar Council
        Barclays Bank
        Barons Court
        Barrow-in-Furness
        BBC News
        Ben Nevis
        Bethnal Green
        Birthday Honours
        Black History Month
        Black Lives Matter
        Blackburn Rovers
        Board of Deputies of British Jews
        Bolton Wanderers
        Bonfire Night
        Bounds Green
        Boxing Day
        Branch Secretary
        British Airways
        British Army
        British Gas
        British Library
        British Medical Association
        British Museum
        British Red Cross
        British Transport Police
        Buckingham Palace
        Buenos Aires
        Burns Night
        Bury St Edmunds
        Cabinet Office
        Campaign for Nuclear Disarmament
        Canada Water
        Canary Wharf
        Cape Town
        Care Quality Commission
        Catholic Church
        Central Arbitration Committee
        Central line
        Certification Officer
        Chalk Farm
        Champions League
        Chancellor of the Exchequer
        Channel Islands
        Charing Cross
        Charity Commission
        Chelsea Flower Show
        Chief Constable
        Chief Executive
        Chief Whip
        Child Poverty Action Group
        Chinese New Year
        Christ Church
        Christmas Day
        Christmas Eve
        Church in Wales
        Church of England
        Church of Scotland
        Citizens Advice
        Citizens Advice Bureau
        City of London Police
        Clapham Common
        Co-operative Bank
        Co-operative Party
        Code of Conduct
        Cold War
        Commonwealth Games
        Communication Workers Union
        Communist Party of Britain
        Companies House
        Competition and Markets Authority
        Conservative and Unionist Party
        Conservative Party
        Costa Rica
        Council of Europe
        County Court
        Court of Appeal
        Covent Garden
        Crouch End
        Crown Court
        Crown Estate
        Crown Prosecution Service
        Crystal Palace
        Czech Republic
        Daily Express
        Daily Mail
        Daily Mirror
        Daily Telegraph
        Data Protection Act
        Data Protection Officer
        Democratic Republic of the Congo
        Democratic Unionist Party
        Department for Education
        Department for Work and Pensions
        Department of Health and Social Care
        Deputy General Secretary
        Deputy Leader
        Deputy Prime Minister
        Director of Public Prosecutions
        Disputes Committee
        Dominican Republic
        Downing Street
        Duchy of Cornwall
        Earl's Court
        East Anglia
        East Midlands
        East Sussex
        Easter Monday
        Easter Sunday
        Edgware Road
        Edinburgh Castle
        Edinburgh Festival
        Edinburgh Fringe
        Electoral Commission
        Elephant and Castle
        Elizabeth line
        Elizabeth Tower
        Emmanuel College
        Empire Windrush
        Employment Appeal Tribunal
        Employment Relations Act
        Employment Rights Act
        Employment Tribunal
        English Channel
        English Heritage
        Environment Agency
        Equal Pay Act
        Equality Act
        Equality and Human Rights Commission
        Equality Officer
        Eton College
        European Commission
        European Court of Human Rights
        European Court of Justice
        European Parliament
        European Union
        Euston Station
        Evening Standard
        Executive Committee
        Extinction Rebellion
        Extraordinary General Meeting
        FA Cup
        Fabian Society
        Far East
        Father's Day
        Finance Committee
        Financial Conduct Authority
        Financial Times
        Finsbury Park
        Fire Brigades Union
        First World War
        First-tier Tribunal
        Florence Nightingale Museum
        Football League
        Foreign Office
        Foreign Secretary
        Forest Gate
        Forest Hill
        Fort Augustus
        Fort William
        Freedom of Information Act
        French Revolution
        General Medical Council
        General Secretary
        Gift Aid
        Glastonbury Festival
        Golders Green
        Good Friday
        Good Friday Agreement
        Gospel Oak
        Grand National
        Great Britain
        Great Ormond Street Hospital
        Great Western Railway
        Greater London
        Greater London Authority
        Greater Manchester
        Green Park
        Green Party
        Guy Fawkes Night
        Guy's Hospital
        Hadrian's Wall
        Hampstead Heath
        Hatton Garden
        Health and Safety at Work Act
        Health and Safety Executive
        Health and Safety Representative
        Hemel Hempstead
        Herne Hill
        High Court
        Historic England
        HM Revenue and Customs
        HM Treasury
        Holland Park
        Holocaust Memorial Day
        Home Office
        Home Secretary
        Hong Kong
        Hope not Hate
        House of Commons
        House of Lords
        Houses of Parliament
        Human Rights Act
        Hyde Park
        Imperial College London
        Imperial War Museum
        Independent Office for Police Conduct
        Industrial Revolution
        Information Commissioner's Office
        International Labour Organization
        International Monetary Fund
        International Women's Day
        Irish Sea
        Isle of Dogs
        Isle of Man
        Isle of Wight
        Ivory Coast
        Jesus College
        Jobcentre Plus
        John Lewis Partnership
        John Radcliffe Hospital
        Joseph Rowntree Foundation
        Jubilee line
        Kensington Palace
        Kentish Town
        King's College London
        King's Cross
        King's Lynn
        King's Speech
        Kings Lynn
        Kingston upon Hull
        Kingston upon Thames
        Kuala Lumpur
        Labour Party
        Lady Margaret Hall
        Lake District
        Land Registry
        Law Society
        Leader of the Opposition
        Leeds United
        Legal Aid Agency
        Leicester Square
        LGBT History Month
        Liberal Democrats
        Liverpool Street
        Living Wage Foundation
        Lloyds Bank
        Local Government Association
        Local Government Ombudsman
        Loch Ness
        London Assembly
        London Bridge
        London Fields
        London Review of Books
        London School of Economics
        London Underground
        Lord Chancellor
        Lord Chief Justice
        Lord Mayor
        Los Angeles
        Lunar New Year
        Magdalen College
        Magistrates' Court
        Maida Vale
        Mail on Sunday
        Manchester City
        Manchester Evening News
        Manchester United
        Marble Arch
        Marks and Spencer
        Mary Seacole House
        May Day
        Mediterranean Sea
        Mental Health Act
        Methodist Church
        Metropolitan Police
        Metropolitan Police Service
        Middle East
        Mile End
        Milford Haven
        Milton Keynes
        Ministry of Defence
        Ministry of Justice
        Modern Slavery Act
        Morning Star
        Mother's Day
        Mount Everest
        Mount Pleasant
        Musicians' Union
        Muslim Council of Britain
        Muswell Hill
        National Education Union
        National Executive
        National Executive Committee
        National Gallery
        National Insurance
        National Living Wage
        National Minimum Wage
        National Portrait Gallery
        National Trust
        National Union of Journalists
        National Union of Students
        Nationwide Building Society
        Natural History Museum
        Nelson's Column
        Network Rail
        New Delhi
        New Statesman
        New Year
        New Year Honours
        New Year's Day
        New Year's Eve
        New York
        New Zealand
        Newcastle United
        Newcastle upon Tyne
        NHS England
        NHS Scotland
        NHS Wales
        North East
        North Korea
        North Sea
        North West
        North Yorkshire
        Northern Ireland
        Northern Ireland Assembly
        Northern Ireland Executive
        Northern line
        Notting Hill
        Notting Hill Carnival
        Nottingham Forest
        Nuffield Foundation
        Nursing and Midwifery Council
        Office for Budget Responsibility
        Office for National Statistics
        Official Secrets Act
        Old Bailey
        Old Kent Road
        Olympic Games
        Online Safety Act
        Open University
        Outer Hebrides
        Oxford Circus
        Oxford Street
        Paddington Station
        Palace of Westminster
        Palmers Green
        Paralympic Games
        Parliament Square
        Parliamentary and Health Service Ombudsman
        Peak District
        Piccadilly Circus
        Piccadilly line
        Plaid Cymru
        Police Federation
        Police Scotland
        Port Glasgow
        Port Isaac
        Port Talbot
        Post Office
        Premier League
        Press Office
        Preston North End
        Pride Month
        Prime Minister
        Prime Minister's Questions
        Princess Royal University Hospital
        Prison Officers' Association
        Private Eye
        Privy Council
        Public Accounts Committee
        Public and Commercial Services Union
        Public Order Act
        Puerto Rico
        Queen Elizabeth Hospital
        Queen Elizabeth Olympic Park
        Queen Elizabeth University Hospital
        Queen Mary University of London
        Queen Victoria Street
        Queen's Speech
        Queens Park Rangers
        Question Time
        Race Relations Act
        Reform UK
        Regent Street
        Regent's Park
        Regional Council
        Regional Secretary
        Remembrance Sunday
        Representation of the People Act
        Republic of Ireland
        Returning Officer
        Richmond upon Thames
        Rio de Janeiro
        River Clyde
        River Mersey
        River Severn
        River Thames
        River Tyne
        Roman Catholic Church
        Romney Marsh
        Rosh Hashanah
        Royal Air Force
        Royal Albert Hall
        Royal Assent
        Royal British Legion
        Royal College of Midwives
        Royal College of Nursing
        Royal Courts of Justice
        Royal Docks
        Royal Festival Hall
        Royal Free Hospital
        Royal Holloway
        Royal London Hospital
        Royal Mail
        Royal Mail Group
        Royal Navy
        Royal Opera House
        Royal Victoria Dock
        Royal Victoria Infirmary
        Rugby World Cup
        Rule Book
        Russian Revolution
        Saint Lucia
        Salvation Army
        San Francisco
        Saudi Arabia
        Save the Children
        Science Museum
        Scottish Government
        Scottish National Party
        Scottish Parliament
        Second World War
        Secretary of State
        Select Committee
        Senedd Cymru
        Seven Sisters
        Severn Estuary
        Sex Discrimination Act
        Sheffield United
        Sheffield Wednesday
        Shepherd's Bush
        Shop Steward
        Sidney Sussex College
        Sierra Leone
        Sinn Fein
        Sinn Féin
        Six Nations
        Sky News
        Social Democratic and Labour Party
        Socialist Workers Party
        Solicitor General
        Solicitors Regulation Authority
        South Africa
        South East
        South Korea
        South Sudan
        South West
        South Yorkshire
        Southbank Centre
        Southend-on-Sea
        Speaker of the House
        Special General Meeting
        Sri Lanka
        St Albans
        St Andrew's Day
        St Andrews
        St Austell
        St David's Day
        St Davids
        St George's Day
        St George's Hospital
        St Helens
        St Ives
        St James's Park
        St John's Wood
        St Kitts
        St Leonards
        St Lucia
        St Mary's Hospital
        St Neots
        St Pancras
        St Patrick's Day
        St Paul's Cathedral
        St Thomas' Hospital
        St Vincent
        Standing Orders
        Standing Orders Committee
        State Pension
        Stoke Newington
        Stoke-on-Trent
        Stop the War Coalition
        Stratford-upon-Avon
        Student Loans Company
        Sunday Times
        Supreme Court
        Swiss Cottage
        Tate Britain
        Tate Modern
        Tel Aviv
        Thames Valley
        The Hague
        Tottenham Hotspur
        Tower Bridge
        Tower Hamlets
        Tower of London
        Trade Union Act
        Trades Council
        Trades Union Congress
        Trafalgar Square
        Transport for London
        Trinidad and Tobago
        Trinity College
        Turnpike Lane
        Unite the Union
        United Kingdom
        United Nations
        United States
        Universal Credit
        University and College Union
        University College London
        University of Cambridge
        University of Oxford
        Upper Tribunal
        Valentine's Day
        Victoria and Albert Museum
        Victoria Coach Station
        Victoria Embankment
        Victoria line
        Victoria Park
        Victoria Station
        Victoria Street
        Waterloo Station
        Wellcome Trust
        Welsh Government
        Welwyn Garden City
        West Ham United
        West Midlands
        West Sussex
        West Yorkshire
        Westminster Abbey
        Westminster Hall
        Whittington Hospital
        Windrush Day
        Windsor Castle
        Wood Green
        Workers' Memorial Day
        World Bank
        World Cup
        World Health Organization
        World Trade Organization
        Yom Kippur
        Yorkshire Post
        Primrose Hill
        Tulse Hill
        Denmark Hill
        Gipsy Hill
        Ludgate Hill
        Richmond Hill
        Tower Hill
        Albert Hall
        Albert Park
        Victoria Square
        Stanley Park
        Grace Road
        """)

    /// Surnames that are also ordinary words ("Green", "Hill", "Cook", "Frost"): after a given
    /// name, or in a run of capitalised words, such a word is still a surname, where another
    /// ordinary word ("Barbecue", "Support") is not. Source: compiled by hand for Docket in 2026
    /// from common British surnames of trade, place, colour and nickname origin; not exhaustive.
    static let surnames: Set<String> = words(
        """
        Abbot Abbott Archer Arrow Ash Bacon Badger Bailey Baker Balls Banker Banks Barber Bard
        Barker Barley Barnes Barns Baron Bean Bear Beard Bell Bellamy Berry Best Birch Bird Bishop
        Black Blackburn Blake Bland Bliss Bloom Blunt Bond Bone Booth Bowler Bowman Boyd Bramble
        Brand Bray Brewer Bright Brook Brooke Brooks Brown Buck Bull Bullock Bunting Burn Burns Bush
        Butcher Butler Cane Carpenter Carter Cartwright Cash Chalk Chamber Chambers Chance Chandler
        Chaplain Chaplin Cherry Church Clay Clerk Cleverly Cliff Coates Coke Cole Collier Colt
        Constable Cook Cooke Cooper Copper Coward Cox Craft Crane Crook Cross Crow Crowe Curtis Dale
        Dart Dash Day Deacon Dean Diamond Dice Dove Drake Draper Duke Dunn Dyer Eagle Earl Earle
        East Edge Elm English Fairweather Falcon Falconer Farmer Farrow Fern Field Fields Finch Fish
        Fisher Fleming Fletcher Flint Flowers Ford Forester Foster Fountain Fowler Fox Frank Freeman
        French Friar Frost Fry Fuller Gale Game Gardener Gardner Gates Gay Gentle Gill Ginger Glass
        Glover Godfrey Gold Golding Good Goodman Goose Gosling Grace Graves Gray Green Greenwood
        Grey Grove Gunner Hale Hall Hamlet Hand Hardy Hare Harper Hart Hatch Hawk Hawkes Hay Hayes
        Heath Hedge Hedges Heron Hill Hills Hogg Holly Holmes Honey Hood Hook Hope Horn Horne Howard
        Hunt Hunter Ivory Jay Joiner Joy Judge Keen Keeper Kemp King Kite Knight Lake Lamb Lance
        Lane Lark Law Lawless Lea Leach Lee Light Lilly Lime Little Lock Locke Long Lord Love Lucky
        Major Mann Marsh Marshal Marshall Mason Mead Meadows Mercer Merry Middleton Mill Millar
        Miller Mills Monk Moody Moon Moor Moore Moss Nash Newman Nightingale Noble Nunn Oak Oakes
        Orchard Page Painter Palmer Paris Park Parker Parks Parr Parson Parsons Partridge Peacock
        Pearl Penny Pepper Pickles Pike Piper Pitt Plant Plumb Plummer Pond Poole Pope Porter Potter
        Pound Power Pratt Price Priest Prince Prior Proud Quick Rake Ranger Raven Ray Reader Reed
        Reeve Reeves Rich Rider Ridge Rivers Robin Rock Rook Root Rose Rowe Rush Sage Salmon Salt
        Sands Savage Sawyer Sergeant Sexton Sharp Shaw Shepherd Sheriff Shield Shore Short Silver
        Skinner Slater Small Smart Smith Snow Spark Sparks Sparrow Spear Spencer Spinner Spring
        Sprott Squire Stark Steel Steele Steer Sterling Stern Steward Stone Storey Storm Stout Straw
        Strong Sugar Summers Swain Swan Sweet Swift Tailor Tanner Thatcher Thorn Thorne Tinker Todd
        Townsend Trotter Truss Tucker Turner Tyler Underwood Vale Vicar Vine Wade Waite Wake Walker
        Wall Waller Ward Warden Ware Warren Waters Watt Weaver Webb Webster Welch Wells West Wheeler
        White Wild Wilde Wing Winter Wise Wolf Wolfe Wood Woods Wren Wright Young
        """)

    /// Splits a list into its words at any whitespace.
    static func words(_ text: String) -> Set<String> {
        Set(text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }).map { String(decoding: $0, as: UTF8.self) })
    }

    /// Splits a list into its lines, one entry a line.
    static func lines(_ text: String) -> [String] {
        text.utf8.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).map { String(decoding: $0, as: UTF8.self) }
    }
}
